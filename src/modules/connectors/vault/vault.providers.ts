import type { Provider } from '@nestjs/common';
import { OAuthStateCodec } from '../oauth/oauth-state';
import { OAuthStateNonces } from '../oauth/oauth-state-nonces';
import { OAuthTokenClient } from '../oauth/oauth-token-client';
import { OAuthService } from '../oauth/oauth.service';
import { ConnectionOpener } from './connection-opener';
import { ConnectionsService } from './connections.service';
import { ConnectorAuthRepository } from './connector-auth.repository';
import { CREDENTIALS_PROVIDER } from './credentials-provider';
import { CredentialsService } from './credentials.service';
import { REFRESH_LOCK, RedisRefreshLock } from './refresh-lock';
import { TokenRefresher } from './token-refresher';
import { Vault } from './vault';

/** The credential vault and the OAuth2 flow, registered by ConnectorsModule in one line. */
export const vaultProviders: Provider[] = [
  Vault,
  ConnectorAuthRepository,
  ConnectionOpener,
  OAuthTokenClient,
  RedisRefreshLock,
  { provide: REFRESH_LOCK, useExisting: RedisRefreshLock },
  TokenRefresher,
  CredentialsService,
  { provide: CREDENTIALS_PROVIDER, useExisting: CredentialsService },
  ConnectionsService,
  OAuthStateCodec,
  OAuthStateNonces,
  OAuthService,
];
