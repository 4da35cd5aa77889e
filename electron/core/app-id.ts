/**
 * The application id: electron-builder's `appId` (a test keeps electron-builder.yml in step), the
 * Windows AppUserModelID, the keychain service name and the Linux autostart file name.
 * Changing it orphans every saved secret, so it is fixed here once.
 */
export const APP_ID = 'io.yespo.telegram-connector';

export const PRODUCT_NAME = 'Telegram Connector for Yespo';
