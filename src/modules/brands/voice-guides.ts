import { Injectable } from '@nestjs/common';
import { VoiceLookupRepository } from './persistence/voice-lookup.repository';
import { chooseVoice } from './voice-choice';

/** A brand voice as a writer (a model, say) is told to follow it; no embedding, no ids but the two. */
export interface VoiceGuide {
  brandId: string;
  brandName: string;
  voiceId: string;
  voiceName: string;
  tone: string[];
  audience: string | null;
  doRules: string[];
  dontRules: string[];
  bannedWords: string[];
  requiredElements: string[];
  minLength: number | null;
  maxLength: number | null;
  examples: string[];
}

/** The voice guide of a brand: the voice named, else its default, else its only voice. */
@Injectable()
export class VoiceGuides {
  constructor(private readonly voices: VoiceLookupRepository) {}

  async guide(organizationId: string, brandId: string, voiceId?: string): Promise<VoiceGuide> {
    const voice = chooseVoice(await this.voices.candidates(organizationId, brandId, voiceId), brandId, voiceId);
    return {
      brandId: voice.brandId,
      brandName: voice.brandName,
      voiceId: voice.id,
      voiceName: voice.name,
      tone: voice.tone,
      audience: voice.audience,
      doRules: voice.doRules,
      dontRules: voice.dontRules,
      bannedWords: voice.bannedWords,
      requiredElements: voice.requiredElements,
      minLength: voice.minLength,
      maxLength: voice.maxLength,
      examples: voice.examples,
    };
  }
}
