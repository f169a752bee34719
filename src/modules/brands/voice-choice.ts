import { BrandNotFoundError, BrandVoiceNotFoundError, NoDefaultVoiceError } from './brand-errors';
import type { CandidateVoice } from './persistence/voice-lookup.repository';

/**
 * The voice a request means: the one it names, else the brand's default, else the brand's only
 * voice. `candidates` as VoiceLookupRepository.candidates returns them (null: no such brand).
 */
export function chooseVoice(candidates: CandidateVoice[] | null, brandId: string, voiceId?: string): CandidateVoice {
  if (candidates === null) throw new BrandNotFoundError(brandId);
  if (voiceId !== undefined) {
    if (candidates.length === 0) throw new BrandVoiceNotFoundError(voiceId);
    return candidates[0];
  }
  // Candidates come default first: a default, or a brand's only voice, is the one.
  if (candidates.length === 0) throw new NoDefaultVoiceError(brandId, 'none');
  if (candidates[0].isDefault || candidates.length === 1) return candidates[0];
  throw new NoDefaultVoiceError(brandId, 'several');
}
