import type { ScenarioName } from '../options.js';
import { crash } from './crash.js';
import { keepalive } from './keepalive.js';
import { portExhaustion } from './port-exhaustion.js';
import type { Scenario } from './scenario.js';
import { tlsPlaintext } from './tls-plaintext.js';
import { unreadBody } from './unread-body.js';

export const SCENARIO_PLANS: Readonly<Record<ScenarioName, Scenario>> = {
  keepalive,
  'unread-body': unreadBody,
  crash,
  'port-exhaustion': portExhaustion,
  'tls-plaintext': tlsPlaintext,
};
