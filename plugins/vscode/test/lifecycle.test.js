// The restart state machine against stand-in clients in every state vscode-languageclient leaves
// them in: a failed start (stop() throws), a crash it gave up on, a start still under way.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { Lifecycle } = require("../lib/lifecycle");

function fakeTimers() {
  const pending = new Map();
  let id = 0;
  return {
    setTimeout(fn) {
      pending.set(++id, fn);
      return id;
    },
    clearTimeout(i) {
      pending.delete(i);
    },
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    },
    get pending() {
      return pending.size;
    },
  };
}

// A client as vscode-languageclient 9 behaves: public state 1 Stopped, 2 Running, 3 Starting;
// stop() on one whose start failed throws.
function fakeClient(events, name, { startFails = false, gate } = {}) {
  return {
    name,
    state: 1,
    async start() {
      events.push(`start ${name}`);
      this.state = 3;
      if (gate) await gate;
      if (startFails) {
        this.state = 1;
        this.failed = true;
        throw new Error("spawn ENOENT");
      }
      this.state = 2;
    },
    async stop() {
      events.push(`stop ${name}`);
      if (this.failed)
        throw new Error("Client is not running and can't be stopped. It's current state is: startFailed");
      this.state = 1;
    },
    async dispose() {
      events.push(`dispose ${name}`);
      // As in VS Code 1.100 with vscode-languageclient 9: dispose() of a failed client throws too.
      if (this.failed) throw new Error("Client is not running and can't be stopped. It's current state is: startFailed");
      this.state = 1;
    },
  };
}

function setup({ commands, fails = {}, gates = {}, timers = fakeTimers() }) {
  const events = [];
  const problems = [];
  const lines = [];
  let n = 0;
  const lc = new Lifecycle({
    find: () => commands.shift() || { command: "/bin/tally" },
    createClient: (cmd) => {
      n++;
      events.push(`create ${n} ${cmd}`);
      return fakeClient(events, String(n), { startFails: !!fails[n], gate: gates[n] });
    },
    log: (l) => lines.push(l),
    onProblem: (p, running) => problems.push([p.kind, running]),
    timers,
  });
  return { lc, events, problems, lines, timers };
}

test("a failed start does not stop the next restart", async () => {
  const { lc, events, lines } = setup({ commands: [{ command: "/half/pa" }], fails: { 1: true } });
  await lc.restart();
  assert.equal(lc.running, false);
  assert.ok(lines.some((l) => l.startsWith("could not start /half/pa lsp: spawn ENOENT")), lines);
  await lc.restart();
  assert.deepEqual(events, ["create 1 /half/pa", "start 1", "stop 1", "dispose 1", "create 2 /bin/tally", "start 2"]);
  assert.equal(lc.running, true);
});

test("a client that crashed and was given up on is replaced", async () => {
  const { lc, events } = setup({ commands: [] });
  await lc.restart();
  lc.client.state = 1; // vscode-languageclient stopped restarting it
  assert.equal(lc.running, false);
  await lc.restart();
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1", "stop 1", "create 2 /bin/tally", "start 2"]);
  assert.equal(lc.running, true);
});

test("settings changed while a start is under way wait for it, then apply once", async () => {
  let open;
  const gate = new Promise((r) => (open = r));
  const { lc, events, timers } = setup({ commands: [], gates: { 1: gate } });
  const first = lc.restart();
  await new Promise((r) => setImmediate(r));
  lc.schedule();
  lc.schedule();
  lc.schedule();
  assert.equal(timers.pending, 1); // debounced: one restart for three changes
  timers.fire();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1"]); // the restart waits
  open();
  await first;
  await lc.queue;
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1", "stop 1", "create 2 /bin/tally", "start 2"]);
});

test("a client still starting is waited for before it is stopped", async () => {
  const { lc, events } = setup({ commands: [], timers: globalThis });
  await lc.restart();
  lc.client.state = 3; // restarting itself after a crash
  setTimeout(() => (lc.client ? (lc.client.state = 2) : undefined), 150);
  const before = Date.now();
  await lc.restart();
  assert.ok(Date.now() - before >= 100);
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1", "stop 1", "create 2 /bin/tally", "start 2"]);
});

test("a path that names no executable is not applied: the running server stays", async () => {
  const bad = { problem: { kind: "bad-path", message: 'tally.path "/opt/ta" is not an executable file' } };
  const { lc, events, problems, lines } = setup({ commands: [{ command: "/bin/tally" }, bad] });
  await lc.restart();
  lc.schedule();
  lc.timers.fire();
  await lc.queue;
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1"]);
  assert.deepEqual(problems, [["bad-path", true]]);
  assert.match(lines.at(-1), /keeps running$/);
  lc.schedule();
  lc.timers.fire();
  await lc.queue; // the path completed: now applied
  assert.deepEqual(events.slice(2), ["stop 1", "create 2 /bin/tally", "start 2"]);
});

test("no tally at first: the problem is told, nothing is started until one appears", async () => {
  const missing = { problem: { kind: "missing", message: "No tally executable" } };
  const { lc, events, problems } = setup({ commands: [missing] });
  await lc.restart();
  assert.deepEqual(events, []);
  assert.deepEqual(problems, [["missing", false]]);
  await lc.restart();
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1"]);
});

test("a normal stop is logged as one, and nothing restarts after it", async () => {
  const { lc, events, lines, timers } = setup({ commands: [] });
  await lc.restart();
  lc.schedule();
  await lc.stop();
  assert.equal(timers.pending, 0);
  await lc.restart();
  assert.deepEqual(events, ["create 1 /bin/tally", "start 1", "stop 1"]);
  assert.equal(lines.at(-1), "stopped /bin/tally lsp");
});

test("a server that never ran is not retried; one that ran gets the library's restarts", () => {
  const { firstStartGuard } = require("../lib/lifecycle");
  let ran = false;
  const library = { error: () => ({ action: 1 }), closed: () => ({ action: 2 }) };
  const h = firstStartGuard(() => library, () => ran);
  assert.deepEqual(h.closed(), { action: 1, handled: true }); // DoNotRestart, no library message
  assert.deepEqual(h.error(new Error("EPIPE"), undefined, 1), { action: 2, handled: true }); // Shutdown
  ran = true;
  assert.deepEqual(h.closed(), { action: 2 }); // Restart, as the library decides
  assert.deepEqual(h.error(new Error("x"), undefined, 1), { action: 1 });
});
