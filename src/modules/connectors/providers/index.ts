import type { ConnectorDefinition } from '../connector-definition';
import { discordConnector } from './discord';
import { gmailConnector } from './gmail';
import { outlookConnector } from './outlook';
import { slackConnector } from './slack';
import { smtpConnector } from './smtp';
import { twilioConnector } from './twilio';
import { whatsappConnector } from './whatsapp';
import { facebookConnector } from './facebook';
import { googleAdsConnector } from './google_ads';
import { googleSearchConsoleConnector } from './google_search_console';
import { instagramConnector } from './instagram';
import { linkedinConnector } from './linkedin';
import { redditConnector } from './reddit';
import { shopifyConnector } from './shopify';
import { stripeConnector } from './stripe';
import { tiktokConnector } from './tiktok';
import { xConnector } from './x';
import { youtubeConnector } from './youtube';

/** Every provider NeonHub knows, one folder each (manifest, mock behaviour, real implementation, specs). */
export const CONNECTOR_DEFINITIONS: ConnectorDefinition[] = [
  slackConnector,
  discordConnector,
  twilioConnector,
  whatsappConnector,
  smtpConnector,
  gmailConnector,
  outlookConnector,
  stripeConnector,
  shopifyConnector,
  xConnector,
  linkedinConnector,
  redditConnector,
  instagramConnector,
  facebookConnector,
  youtubeConnector,
  tiktokConnector,
  googleAdsConnector,
  googleSearchConsoleConnector,
];
