import { validatePlain } from '../../../common/validation/validate-plain';
import { ValidationFailedError } from '../../../common/errors/domain-errors';
import { checkSocialInput } from './check-input';
import { SocialInput } from './social.input';

const parse = (value: object) => validatePlain(SocialInput, value, 'input', 'input for agent social');
const check = async (value: object) => checkSocialInput(await parse(value), 'social');

describe(checkSocialInput.name, () => {
  it('should accept each media network with its media', async () => {
    await expect(check({ brief: 'b', networks: ['instagram', 'x'], mediaUrl: 'https://cdn.example.com/a.jpg' })).resolves.toBeUndefined();
    await expect(check({ brief: 'b', networks: ['tiktok'], mediaUrl: 'https://cdn.example.com/a.mp4' })).resolves.toBeUndefined();
    await expect(check({ brief: 'b', networks: ['x', 'linkedin'] })).resolves.toBeUndefined();
  });

  it.each([
    [{ networks: ['instagram'] }, 'input.mediaUrl: Instagram needs an image URL'],
    [{ networks: ['instagram'], mediaUrl: 'https://cdn.example.com/a.mp4' }, 'Instagram needs an image (jpg, jpeg); mediaUrl is a .mp4 file'],
    [{ networks: ['tiktok'], mediaUrl: 'https://cdn.example.com/a.png' }, 'TikTok needs a video'],
    [{ networks: ['instagram', 'tiktok'], mediaUrl: 'https://cdn.example.com/a.jpg' }, 'compose them in two runs'],
  ])('should refuse %j with a 400 naming the problem', async (fields, message) => {
    const error = await check({ brief: 'b', ...fields }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as Error).message).toContain(message);
  });

  it('should need a video id with youtube, and only a well-formed one', async () => {
    await expect(parse({ brief: 'b', networks: ['youtube'] })).rejects.toThrow('youtubeVideoId is required with youtube');
    await expect(parse({ brief: 'b', networks: ['youtube'], youtubeVideoId: 'short' })).rejects.toThrow('11-character');
    await expect(parse({ brief: 'b', networks: ['youtube'], youtubeVideoId: 'dQw4w9WgXcQ' })).resolves.toBeInstanceOf(SocialInput);
  });

  it('should refuse duplicate or unknown networks, an empty list and a blank brief', async () => {
    await expect(parse({ brief: 'b', networks: ['x', 'x'] })).rejects.toThrow('input.networks');
    await expect(parse({ brief: 'b', networks: ['myspace'] })).rejects.toThrow('input.networks');
    await expect(parse({ brief: 'b', networks: [] })).rejects.toThrow('input.networks');
    await expect(parse({ brief: '  ', networks: ['x'] })).rejects.toThrow('brief must not be blank');
  });
});
