// Setup of the unit project: the core messages registered as the web app's entry and the API's composition
// root register them, so screens and clients tested on their own translate as they do in the app.
import { CORE_MESSAGES } from '@shared/i18n/core-messages';
import { registerMessages } from '@shared/i18n/dictionary';

registerMessages(CORE_MESSAGES);
