/** `npm run cos:selftest`: see cos-commands.ts (works against real COS and the local emulator). */
import { runCosCommand } from './cli-env';
import { COS_SELFTEST_USAGE, cosSelftest } from './cos-commands';

runCosCommand(COS_SELFTEST_USAGE, cosSelftest);
