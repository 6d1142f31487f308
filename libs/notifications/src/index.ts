/** @eco/notifications: the library's public surface (other libs and apps import only this). */
export * from './channels/email';
export * from './channels/robots';
export * from './channels/sms';
export * from './recipients';
export * from './render';
export * from './schedule';
