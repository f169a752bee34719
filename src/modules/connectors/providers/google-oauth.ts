import type { OAuthEndpoints } from '../connector.types';

/** Google's endpoints for every Google API connector; offline access + consent so a refresh token is issued. */
export const GOOGLE_OAUTH: OAuthEndpoints = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
};
