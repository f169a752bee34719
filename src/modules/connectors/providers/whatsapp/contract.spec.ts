import { runConnectorContract } from '../../../../../test/support/connectors/contract';
import { whatsappConnector } from '.';

runConnectorContract(whatsappConnector, [
  {
    action: 'send_message',
    valid: [{ to: '+14155550123', text: 'Thanks for your order! It ships tomorrow.' }, { to: '+5511987654321', text: 'Our lookbook: https://shop.example.com/spring', previewUrl: true }],
    invalid: [{}, { to: '14155550123', text: 'no plus' }, { to: '+14155550123', text: '' }, { to: '+14155550123', text: 'x'.repeat(4097) }, { to: '+14155550123', text: 'hi', type: 'text' }],
  },
  {
    action: 'send_template',
    valid: [{ to: '+14155550123', templateName: 'spring_sale_announcement', languageCode: 'en_US', bodyParameters: ['Maya', '20%'] }, { to: '+4915112345678', templateName: 'order_update', languageCode: 'de' }],
    invalid: [
      { to: '+14155550123', templateName: 'Spring Sale', languageCode: 'en_US' },
      { to: '+14155550123', templateName: 'spring_sale', languageCode: 'english' },
      { to: '+14155550123', templateName: 'spring_sale', languageCode: 'en', bodyParameters: [''] },
      { to: '+14155550123', templateName: 'spring_sale', languageCode: 'en', bodyParameters: 'Maya' },
      { templateName: 'spring_sale', languageCode: 'en' },
    ],
  },
]);
