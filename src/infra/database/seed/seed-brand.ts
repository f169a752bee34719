import type { PrismaClient } from '../../../generated/prisma/client';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export const DEMO_BRAND_NAME = 'Northwind Coffee';
export const DEMO_VOICE_NAME = 'House voice';

/**
 * The demo brand's default voice. Its examples are stored without an embedding: the seed has no
 * model configuration and must not spend a budget, so the voice is embedded on its first score
 * (VoiceScorer does that for any voice whose examples have no embedding in the current space).
 */
const DEMO_VOICE = {
  name: DEMO_VOICE_NAME,
  isDefault: true,
  tone: ['warm', 'confident', 'playful'],
  audience: 'Urban coffee lovers aged 25 to 45 who care where their beans come from',
  doRules: ['Speak to the reader as "you"', 'Name the origin of the beans', 'Keep sentences short'],
  dontRules: ['Never call the coffee "cheap"', 'Never use more than one exclamation mark', 'Do not mention competitors by name'],
  bannedWords: ['cheap', 'instant', 'guaranteed', 'best in the world'],
  requiredElements: ['Northwind'],
  minLength: 40,
  maxLength: 600,
  examples: [
    'Morning, you. Our Huila single-origin just landed at Northwind: bright cherry, brown sugar, a clean finish. Roasted on Tuesday, in your cup by Friday.',
    'Slow Sunday? Brew a pour-over of our Yirgacheffe and let the jasmine do the talking. Northwind roasts small batches, so every bag tastes like the farm it came from.',
    "We know our farmers by name. This month's Northwind roast comes from the Rodríguez family in Cajamarca: cocoa, plum and a long, sweet finish.",
    'Cold brew season is back at Northwind. Steeped for eighteen hours, smooth as anything, and made from beans we trace to the farm.',
  ],
};

const DEMO_PERSONAS = [
  {
    name: 'Weekend home brewer',
    description: 'Owns a grinder and a pour-over kit; treats the weekend coffee as a ritual',
    goals: ['brew cafe-quality coffee at home', 'discover new origins'],
    painPoints: ['beans go stale before the bag is finished', 'unsure which roast suits which brewer'],
    channels: ['instagram', 'email'],
    attributes: { ageRange: '28-40', brewMethods: ['pour-over', 'aeropress'] },
  },
  {
    name: 'Office manager',
    description: 'Keeps a 40-person office in coffee; buys on a subscription',
    goals: ['never run out', 'keep the team happy on a fixed budget'],
    painPoints: ['invoices in too many places', 'complaints about burnt-tasting coffee'],
    channels: ['email', 'linkedin'],
    attributes: { companySize: '20-100', ordersPer: 'month' },
  },
  {
    name: 'Cafe regular',
    description: 'Comes in three mornings a week; follows the cafe on social and reads the newsletter',
    goals: ['try the seasonal drinks first', 'take good beans home'],
    painPoints: ['misses limited releases that sell out', 'too many promotional emails from other shops'],
    channels: ['instagram', 'x', 'sms'],
    attributes: { visitsPerWeek: 3, neighbourhood: 'walking distance' },
  },
];

/**
 * A demo brand for the demo organization: one default voice and three personas. Upserts on the
 * natural keys (brand name in the organization, voice and persona names in the brand) that change
 * nothing when the rows exist, so a second seed run, or a demo brand someone edited, is left as is.
 */
export async function seedDemoBrand(tx: Tx, organizationId: string): Promise<void> {
  const brand = await tx.brand.upsert({
    where: { organizationId_name: { organizationId, name: DEMO_BRAND_NAME } },
    create: { organizationId, name: DEMO_BRAND_NAME, description: 'Small-batch roaster with a neighbourhood cafe', website: 'https://northwind.example' },
    update: {},
    select: { id: true },
  });
  await tx.brandVoice.upsert({
    where: { brandId_name: { brandId: brand.id, name: DEMO_VOICE.name } },
    create: { organizationId, brandId: brand.id, ...DEMO_VOICE },
    update: {},
    select: { id: true },
  });
  for (const persona of DEMO_PERSONAS) {
    await tx.persona.upsert({
      where: { brandId_name: { brandId: brand.id, name: persona.name } },
      create: { organizationId, brandId: brand.id, ...persona },
      update: {},
      select: { id: true },
    });
  }
}
