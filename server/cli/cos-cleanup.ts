/** `npm run cos:cleanup`: see cos-commands.ts (works against real COS and the local emulator). */
import { runCosCommand } from './cli-env';
import { COS_CLEANUP_USAGE, cosCleanup } from './cos-commands';

runCosCommand(COS_CLEANUP_USAGE, cosCleanup);
