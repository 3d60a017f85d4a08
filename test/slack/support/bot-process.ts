/**
 * The bot as a separate process, for the restart test: started with the stand-in's API URL and a key
 * prefix, it prints its events URL as one JSON line and runs until killed.
 */
import { redisForTests, startHarness } from './bot-harness.js';

const apiUrl = process.env.STAND_IN_API_URL ?? '';
const prefix = process.env.SLACK_TEST_PREFIX ?? '';
const redis = redisForTests();
const h = await startHarness({ standIn: { apiUrl }, redis, prefix });
process.stdout.write(`${JSON.stringify({ eventsUrl: h.eventsUrl })}\n`);
