import { createHash } from 'node:crypto';
import type { SocialNetwork as SocialNetworkColumn } from '../../generated/prisma/enums';
import { NETWORK_RULES, SOCIAL_NETWORKS, type SocialNetwork } from './network-rules';

/** The API's lower-case network names and the database's enum, one to one. */
export function networkColumn(network: SocialNetwork): SocialNetworkColumn {
  return network.toUpperCase() as SocialNetworkColumn;
}

export function networkOf(column: SocialNetworkColumn): SocialNetwork {
  const network = column.toLowerCase() as SocialNetwork;
  if (!SOCIAL_NETWORKS.includes(network)) throw new Error(`unknown social network ${column}`);
  return network;
}

/** "X, LinkedIn and Instagram": how a reviewer reads a set of networks. */
export function networkNames(networks: readonly SocialNetwork[]): string {
  const names = networks.map((network) => NETWORK_RULES[network].name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A YouTube "post" is an uploaded video's new title and description: its media is the video itself. */
export function youtubeWatchUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${videoId}`;
}

/**
 * The id of the post one run composes for one network, derived rather than drawn: a resumed or
 * retried run names the same rows, the approval payload and the output can name them before they
 * are written, and the publish stage can write the row itself if it gets there first. Formatted as
 * a name-based UUID (version 5 layout over SHA-256, like the agent memories' ids).
 */
export function socialPostIdFor(runId: string, network: SocialNetwork): string {
  const bytes = createHash('sha256').update(`social-post:${runId}:${network}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
