import type { DiscoveryService } from '@nestjs/core';
import { strictDouble } from '../../../test/support/strict-double';
import { ToolRegistry, ToolUnavailableError } from './tool-registry';
import type { ToolsRepository } from './tools.repository';

describe(ToolRegistry.name, () => {
  const sut = () => new ToolRegistry(strictDouble<DiscoveryService>('DiscoveryService'), strictDouble<ToolsRepository>('ToolsRepository'));

  it('should fail a call to a tool the deployment switched off with the reason, and say it is not provided', () => {
    const registry = sut();
    registry.markUnavailable('whatsapp', 'connector whatsapp is disabled (CONNECTOR_WHATSAPP_MODE)');

    expect(() => registry.action('whatsapp', 'send_message')).toThrow(new ToolUnavailableError('whatsapp', 'connector whatsapp is disabled (CONNECTOR_WHATSAPP_MODE)'));
    expect(registry.provides('whatsapp')).toBe(false);
    expect(registry.unavailableReason('whatsapp')).toContain('disabled');
  });

  it('should treat a registered tool as offered even if it was once marked unavailable', () => {
    const registry = sut();
    registry.markUnavailable('slack', 'disabled');
    registry.register({ name: 'slack', description: 'Slack', actions: { send_message: { description: 'send', execute: async () => ({}) } } });

    expect(registry.unavailableReason('slack')).toBeUndefined();
    expect(registry.action('slack', 'send_message').definition.name).toBe('slack');
  });

  it('should answer 404 for a tool nobody knows', () => {
    expect(() => sut().action('fax', 'send')).toThrow('tool action fax.send not found');
  });
});
