import type { ConnectorDefinition } from '../connector-definition';

/** Every provider NeonHub knows, one folder each (manifest, mock behaviour, real implementation, specs). */
export const CONNECTOR_DEFINITIONS: ConnectorDefinition[] = [];
