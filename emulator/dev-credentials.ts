/**
 * The emulator's built-in key pair. For local development and tests only: it is public, it is
 * not a Tencent Cloud key, and real COS will never accept it.
 */
export const DEV_SECRET_ID = 'AKIDLOCALDEVONLY0000000000000000000';
export const DEV_SECRET_KEY = 'localdevonlysecretkey000000000000';
