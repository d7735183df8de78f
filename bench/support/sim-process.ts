/**
 * A simulator in its own process, seeded with N open todos for the demo staff, so a
 * benchmark's client and server do not share one CPU thread and one garbage collector.
 * Run as `tsx bench/support/sim-process.ts N`; the first stdout line is JSON with the
 * address and credentials. Later lines on stdin are commands: `touch <id>` changes one
 * todo's title (answered `ok`), so benchmarks can time a one-todo change end to end.
 */
import { createInterface } from 'node:readline';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { startSimulator } from '../../electron/main/simulator/index';

const n = Number(process.argv[2] ?? 10_000);
const sim = await startSimulator({ port: 0, demoData: false });
const now = Date.now();
for (let i = 0; i < n; i++) {
  sim.admin.addTodo({
    remindTitle: `回访客户 ${i}`,
    followupsiTuation: '确认收货情况，提醒客户评价',
    remindTime: formatChinaTime(now + 3600_000 + i * 60_000),
    isAlways: i % 5 === 0,
    levelName: i % 3 === 0 ? '紧急' : '普通',
  });
}
let touches = 0;
process.stdout.write(
  `${JSON.stringify({ url: sim.url, tokenUrl: sim.tokenUrl, credentials: sim.credentials, demoStaff: sim.demoStaff, todos: n })}\n`,
);
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === 'touch') {
    const id = Number(arg);
    sim.admin.updateTodo(id, { remindTitle: `回访客户 ${id}（已改 ${++touches}）` });
    process.stdout.write('ok\n');
  }
});
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
