import { ConflictError, NotFoundError, UnprocessableError } from '../../common/errors/domain-errors';

/** A brand that does not exist or belongs to another organization: the two are one answer, so ids leak nothing. */
export class BrandNotFoundError extends NotFoundError {
  constructor(brandId: string) {
    super('brand', brandId);
  }
}

export class BrandVoiceNotFoundError extends NotFoundError {
  constructor(voiceId: string) {
    super('brand voice', voiceId);
  }
}

export class PersonaNotFoundError extends NotFoundError {
  constructor(personaId: string) {
    super('persona', personaId);
  }
}

/** Names are the natural keys (a brand within its organization, a voice or persona within its brand). */
export class DuplicateNameError extends ConflictError {
  constructor(kind: 'brand' | 'brand voice' | 'persona', name: string) {
    super(`a ${kind} named ${JSON.stringify(name)} already exists${kind === 'brand' ? '' : ' for this brand'}`);
  }
}

/** Naming no voice needs one to fall back on: the brand's default, else its only one. */
export class NoDefaultVoiceError extends UnprocessableError {
  constructor(brandId: string, voiceCount: 'none' | 'several') {
    super(
      voiceCount === 'none'
        ? `brand ${brandId} has no voice; create one first`
        : `brand ${brandId} has several voices and none is the default; name a voiceId or make one the default`,
    );
  }
}
