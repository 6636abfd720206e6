/** `npm run cos:cleanup`: see cos-commands.ts (works against real COS and the local emulator). */
import { explainStorageError, loadCliSetup, runCli } from './cli-env';
import { COS_CLEANUP_USAGE, cosCleanup } from './cos-commands';

runCli(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${COS_CLEANUP_USAGE}\n`);
    return;
  }
  const setup = loadCliSetup();
  try {
    process.exitCode = await cosCleanup(setup, argv, (line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    throw explainStorageError(err, setup);
  }
});
