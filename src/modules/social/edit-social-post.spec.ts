import { strictMock } from '../../../test/support/strict-double';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../common/errors/domain-errors';
import { EditSocialPost } from './edit-social-post';
import type { SocialPostRecord } from './persistence/social-post.record';
import { SocialPostsRepository } from './persistence/social-posts.repository';

const ORG = '11111111-1111-4111-8111-111111111111';
const ID = '22222222-2222-4222-8222-222222222222';
const AT = new Date('2030-01-01T09:00:00.000Z');

const post = (overrides: Partial<SocialPostRecord> = {}): SocialPostRecord => ({
  id: ID,
  organizationId: ORG,
  campaignId: null,
  contentId: null,
  runId: null,
  network: 'x',
  status: 'SCHEDULED',
  body: 'Linen is back.',
  title: null,
  mediaUrl: null,
  publishAt: AT,
  publishedAt: null,
  externalId: null,
  externalUrl: null,
  metrics: {},
  metricsSyncedAt: null,
  error: null,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});

describe(EditSocialPost.name, () => {
  const setup = (current: SocialPostRecord | null) => {
    const posts = strictMock<SocialPostsRepository>('SocialPostsRepository', ['find', 'updateEditable']);
    posts.find.mockResolvedValue(current);
    return { posts, sut: new EditSocialPost(posts) };
  };

  it('should change a scheduled post that still passes its network rules', async () => {
    const { posts, sut } = setup(post());
    posts.updateEditable.mockImplementation(async (_org: string, _id: string, fields: object) => post(fields));

    const later = new Date(AT.getTime() + 3_600_000);
    const updated = await sut.edit(ORG, ID, { body: 'Linen is back, lighter.', publishAt: later });

    expect(posts.updateEditable).toHaveBeenCalledWith(ORG, ID, { body: 'Linen is back, lighter.', publishAt: later });
    expect(updated.body).toBe('Linen is back, lighter.');
  });

  it('should answer 400 naming the violation and change nothing', async () => {
    const { posts, sut } = setup(post());

    const error = await sut.edit(ORG, ID, { body: 'a'.repeat(281) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error).toMatchObject({ fields: ['body'], message: "invalid request: the post breaks X's rules: X allows 280 weighted characters in the text; it has 281" });
    expect(posts.updateEditable).not.toHaveBeenCalled();
  });

  it('should check the post as it would become: clearing an Instagram image is a violation', async () => {
    const { sut } = setup(post({ network: 'instagram', mediaUrl: 'https://cdn.example.com/a.jpg' }));

    await expect(sut.edit(ORG, ID, { mediaUrl: null })).rejects.toMatchObject({ fields: ['mediaUrl'], message: expect.stringContaining('Instagram needs an image URL') });
  });

  it.each(['PUBLISHED', 'FAILED', 'REJECTED'] as const)('should answer 409 for a %s post', async (status) => {
    const { sut } = setup(post({ status }));

    await expect(sut.edit(ORG, ID, { body: 'x' })).rejects.toThrow(new ConflictError(`social post ${ID} is ${status}: only DRAFT and SCHEDULED posts can be changed`));
  });

  it('should answer 409 when the post was published between the read and the write', async () => {
    const { posts, sut } = setup(post());
    posts.updateEditable.mockResolvedValue(null);
    posts.find.mockResolvedValueOnce(post()).mockResolvedValueOnce(post({ status: 'PUBLISHED' }));

    await expect(sut.edit(ORG, ID, { body: 'Linen.' })).rejects.toThrow('is PUBLISHED');
  });

  it('should let a scheduled post move later, not earlier (its run waits until the time it was scheduled for)', async () => {
    const { sut } = setup(post());

    await expect(sut.edit(ORG, ID, { publishAt: new Date(AT.getTime() - 1) })).rejects.toThrow('can be moved later, not earlier');
    await expect(sut.edit(ORG, ID, { publishAt: null })).rejects.toBeInstanceOf(ConflictError);
  });

  it("should answer 404 for a post that is not the organization's, and 400 for a YouTube post's video", async () => {
    await expect(setup(null).sut.edit(ORG, ID, { body: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setup(post({ network: 'youtube' })).sut.edit(ORG, ID, { mediaUrl: 'https://cdn.example.com/v.mp4' })).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(setup(post()).sut.edit(ORG, ID, { title: 'A title' })).rejects.toMatchObject({ fields: ['title'] });
  });
});
