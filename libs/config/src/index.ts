export * from './app-config';
export * from './config.module';
export * from './notify-config';
export * from './dotenv';
export * from './calendar-override';
