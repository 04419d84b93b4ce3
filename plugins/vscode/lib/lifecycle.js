// Start, stop and restart of the language client, in one place and one at a time, whatever state
// the previous client was left in (started, failed to start, crashed and given up, still starting).
// Plain JS with its collaborators passed in, so that node --test can drive every state.
"use strict";

// vscode-languageclient's public State: Stopped 1, Running 2, Starting 3.
const RUNNING = 2;
const STARTING = 3;

class Lifecycle {
  // find():           {command} or {problem: {kind, message}} from the settings of the moment.
  // createClient(cmd): a new client (start, stop(timeout), dispose(timeout), state).
  // log(line):        the extension's one output channel.
  // onProblem(p, running): no usable executable; running tells whether a server still runs.
  // delayMs: how long settings must be still before they are applied (typing a path).
  constructor({ find, createClient, log, onProblem, delayMs = 600, timers = globalThis }) {
    Object.assign(this, { find, createClient, log, onProblem, delayMs, timers });
    this.client = undefined;
    this.command = undefined; // what the current client was started with
    this.queue = Promise.resolve();
    this.timer = undefined;
    this.stopped = false;
  }

  // A settings change: applied once the settings stop changing for delayMs.
  schedule() {
    if (this.stopped) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.restart();
    }, this.delayMs);
  }

  // Start (or restart) now, after whatever start or stop is under way. Never rejects.
  restart() {
    this.queue = this.queue.then(() => this.run()).catch((e) => this.log(`restart failed: ${msg(e)}`));
    return this.queue;
  }

  // The extension's end: no more restarts, the client stopped.
  stop() {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = this.queue.then(() => this.stopClient()).catch(() => {});
    return this.queue;
  }

  // A server answers now (a client that crashed and gave up, or never started, does not).
  get running() {
    return this.client !== undefined && this.client.state === RUNNING;
  }

  async run() {
    if (this.stopped) return;
    const found = this.find();
    if (!found.command) {
      // A path half typed, or no tally at all: a running server is kept, never swapped for one
      // that cannot start.
      if (this.running)
        this.log(`${found.problem.message}; the server started from ${this.command} keeps running`);
      else this.log(found.problem.message);
      this.onProblem(found.problem, this.running);
      return;
    }
    await this.stopClient();
    if (this.stopped) return;
    const client = this.createClient(found.command);
    this.client = client;
    this.command = found.command;
    this.log(`starting ${found.command} lsp`);
    try {
      await client.start();
      this.log(`started ${found.command} lsp`);
    } catch (e) {
      // The client stays in "startFailed"; the next restart disposes of it without stop().
      this.log(`could not start ${found.command} lsp: ${msg(e)}`);
    }
  }

  // Stops the current client whatever its state: a client still starting is waited for, one
  // that failed or gave up after crashes (stop() throws, or returns at once) is disposed of.
  async stopClient() {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    const wasRunning = client.state === RUNNING;
    for (let waited = 0; client.state === STARTING && waited < 5000; waited += 100)
      await new Promise((r) => this.timers.setTimeout(r, 100));
    try {
      await client.stop(2000);
      if (wasRunning) this.log(`stopped ${this.command} lsp`);
    } catch (e) {
      this.log(`the previous client could not be stopped (${msg(e)}); disposed of`);
      try {
        await client.dispose(2000);
      } catch (e2) {
        this.log(`disposing of it: ${msg(e2)}`);
      }
    }
  }
}

// The client's error handler: vscode-languageclient's own (restart a crashed server, up to 4 times
// in 3 minutes) once the server has run; for one that never started (an executable that is no
// language server) no retries: that is not a crash, and each retry would repeat the same error.
// ErrorAction.Shutdown = 2, CloseAction.DoNotRestart = 1.
function firstStartGuard(fallback, hasRun) {
  return {
    error: (error, message, count) =>
      hasRun() ? fallback().error(error, message, count) : { action: 2, handled: true },
    closed: () => (hasRun() ? fallback().closed() : { action: 1, handled: true }),
  };
}

function msg(e) {
  return e && e.message ? e.message : String(e);
}

module.exports = { Lifecycle, firstStartGuard, RUNNING, STARTING };
