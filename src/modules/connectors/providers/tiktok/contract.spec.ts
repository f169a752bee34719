import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { tiktokConnector } from './index';

const video = { videoUrl: 'https://media.example.com/spring/linen-30s.mp4', title: 'Linen, lighter #springstyle', privacyLevel: 'PUBLIC_TO_EVERYONE' };
// Mock only: the contract proves its validation and its answers' shape; a real provider will join it with a local peer.
runConnectorContract(tiktokConnector, [
    {
      action: 'publish_video',
      valid: [video, { ...video, privacyLevel: 'SELF_ONLY', disableComment: true, disableDuet: true, disableStitch: false, brandedContent: true }],
      invalid: [{}, { ...video, videoUrl: 'http://media.example.com/a.mp4' }, { ...video, title: 'x'.repeat(2201) }, { ...video, privacyLevel: 'PRIVATE' }, { ...video, disableComment: 'yes' }],
    },
    {
      action: 'get_video_metrics',
      valid: [{ videoIds: ['7458123456789012345'] }, { videoIds: ['7458123456789012345', '7458123456789099999'] }],
      invalid: [{}, { videoIds: [] }, { videoIds: ['abc'] }, { videoIds: Array.from({ length: 21 }, (_, i) => `74581234567890${String(i).padStart(5, '0')}`) }, { videoIds: ['7458123456789012345', '7458123456789012345'] }],
    },
    {
      action: 'list_recent_videos',
      valid: [{}, { maxCount: 20 }],
      invalid: [{ maxCount: 0 }, { maxCount: 21 }, { cursor: 1 }],
    },
]);
