import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { instagramConnector } from './index';

const image = { imageUrl: 'https://cdn.example.com/spring/linen-shirt.jpg', caption: 'Linen, lighter, made to last. #springstyle' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(instagramConnector, [
    {
      action: 'publish_image',
      valid: [image, { imageUrl: image.imageUrl }, { ...image, userTags: ['neonhub.studio'] }],
      invalid: [{}, { imageUrl: 'http://cdn.example.com/a.jpg' }, { ...image, caption: 'x'.repeat(2201) }, { ...image, caption: '#a '.repeat(31) }, { ...image, userTags: ['@neonhub'] }, { ...image, mediaType: 'REELS' }],
    },
    {
      action: 'get_media_insights',
      valid: [{ mediaId: '17895695668004550' }],
      invalid: [{}, { mediaId: 'DEx7Lm2tQa1' }, { mediaId: 17895695668004550 }],
    },
    {
      action: 'list_recent_media',
      valid: [{}, { limit: 1 }],
      invalid: [{ limit: 0 }, { limit: 51 }, { since: '2025-01-01' }],
    },
]);
