import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { youtubeConnector } from './index';

const update = { videoId: 'dQw4w9WgXcQ', title: 'How we make our linen shirts' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(youtubeConnector, [
    {
      action: 'update_video_metadata',
      valid: [
        { ...update, description: 'From flax to finished shirt in six steps.', tags: ['linen', 'sustainable fashion'], categoryId: '26', privacyStatus: 'public' },
        { ...update, description: '', tags: ['spring'], privacyStatus: 'unlisted' },
      ],
      invalid: [{}, { ...update, videoId: 'dQw4w9WgXc' }, { ...update, title: 'x'.repeat(101) }, { ...update, title: 'Best <b>shirts</b>' }, { ...update, tags: ['x'.repeat(501)] }, { ...update, privacyStatus: 'friends' }, { ...update, categoryId: 'Howto' }],
    },
    {
      action: 'get_video_metrics',
      valid: [{ videoId: 'dQw4w9WgXcQ' }],
      invalid: [{}, { videoId: 'https://youtu.be/dQw4w9WgXcQ' }],
    },
    {
      action: 'list_recent_videos',
      valid: [{}, { maxResults: 1 }],
      invalid: [{ maxResults: 0 }, { maxResults: 51 }, { channelId: 'UC1' }],
    },
]);
