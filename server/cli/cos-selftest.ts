/** `npm run cos:selftest`: see cos-commands.ts (works against real COS and the local emulator). */
import { explainStorageError, loadCliSetup, runCli } from './cli-env';
import { COS_SELFTEST_USAGE, cosSelftest } from './cos-commands';

runCli(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${COS_SELFTEST_USAGE}\n`);
    return;
  }
  const setup = loadCliSetup();
  try {
    process.exitCode = await cosSelftest(setup, argv, (line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    throw explainStorageError(err, setup);
  }
});
