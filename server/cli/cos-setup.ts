/** `npm run cos:setup`: see cos-commands.ts (works against real COS and the local emulator). */
import { runCosCommand } from './cli-env';
import { COS_SETUP_USAGE, cosSetup } from './cos-commands';

runCosCommand(COS_SETUP_USAGE, cosSetup);
