import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { checkPost, NETWORK_RULES, type SocialNetwork } from '../network-rules';
import type { SocialInput } from './social.input';

/** The networks whose connector publishes the input's mediaUrl (the others take text only). */
export const MEDIA_NETWORKS: readonly SocialNetwork[] = ['instagram', 'tiktok'];

/**
 * What the DTO cannot say about an input, checked before any run exists (a 400): the media a
 * network cannot post without. One run has one mediaUrl, so Instagram (a JPEG) and TikTok (a
 * video) cannot share a run.
 */
export function checkSocialInput(input: SocialInput, agent: string): void {
  const media = input.networks.filter((network) => MEDIA_NETWORKS.includes(network));
  if (media.length > 1) {
    throw new ValidationFailedError(['input.networks'], `invalid input for agent ${agent}: input.networks: Instagram needs an image and TikTok a video, and a run has one mediaUrl; compose them in two runs`);
  }
  for (const network of media) {
    // Only the media is known before composing: the text is the model's, checked once written.
    const problems = checkPost(network, { text: '', mediaUrl: input.mediaUrl }).filter((violation) => violation.field === 'mediaUrl');
    if (problems.length > 0) {
      throw new ValidationFailedError(['input.mediaUrl'], `invalid input for agent ${agent}: input.mediaUrl: ${problems.map((p) => p.message).join('; ')} (for ${NETWORK_RULES[network].name})`);
    }
  }
}
