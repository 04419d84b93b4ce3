// Starts `tally lsp` for plain-text and Markdown documents. Findings arrive as diagnostics,
// fixes as quick fixes, explanations on hover; the server reloads rule folders itself.
// Bundled by esbuild into dist/extension.js (scripts/package.sh); a platform package carries
// the tally binary as bin/<platform>-<arch>/tally, used unless tally.path is set.
// The decisions live in lib/ (plain modules, node --test in test/): lifecycle.js restarts,
// tally_path.js which executable, scope.js which documents, links.js explanation links,
// log.js the one output channel.
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { Lifecycle, firstStartGuard, RUNNING } = require("./lib/lifecycle");
const { findTally, problemNotice, SET_PATH, INSTALL } = require("./lib/tally_path");
const { inScope, WATCH_GLOB } = require("./lib/scope");
const { localLink, localLinksIn, docsBaseOption, cachedReader } = require("./lib/links");
const { sharedChannel } = require("./lib/log");

// What activate() builds the client with: the tests swap in stand-ins here, which works on the
// bundle too (where vscode-languageclient is inside the file, not a module to intercept).
const deps = { LanguageClient, TransportKind };

let extensionPath = "";
let lifecycle;
let channel;

// The binary packaged with the extension, when this is a platform package for this machine.
function bundledTally() {
  if (!extensionPath) return null;
  const file = path.join(extensionPath, "bin", `${process.platform}-${process.arch}`, "tally");
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return null;
    // An unpacker that dropped the mode bits would leave it unrunnable.
    if ((st.mode & 0o111) === 0) fs.chmodSync(file, 0o755);
    return file;
  } catch {
    return null;
  }
}

function workspaceBase() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length ? folders[0].uri.fsPath : undefined;
}

// tally.path when the user set it (to anything, "tally" included: then PATH decides), else the
// packaged binary, else `tally` on PATH; or why none can run.
function find() {
  const cfg = vscode.workspace.getConfiguration("tally");
  const set = cfg.inspect ? cfg.inspect("path") : undefined;
  const explicit =
    !!set &&
    [set.globalValue, set.workspaceValue, set.workspaceFolderValue].some((v) => v !== undefined);
  return findTally({
    setting: cfg.get("path", "tally"),
    explicit,
    bundled: explicit ? null : bundledTally(),
    envPath: process.env.PATH,
    base: workspaceBase(),
  });
}

function initializationOptions() {
  const cfg = vscode.workspace.getConfiguration("tally");
  const opts = { rules: cfg.get("rules", []), disable: cfg.get("disable", []) };
  if (cfg.get("config")) opts.config = cfg.get("config");
  if (cfg.get("date")) opts.date = cfg.get("date");
  const docsBase = docsBaseOption(cfg.get("docsBase", ""), extensionPath);
  if (docsBase) opts.docsBase = docsBase;
  return opts;
}

// Whether a document goes to the server: tally.enable / include / exclude as they apply to it
// (its folder, its language).
function scoped(document) {
  const cfg = vscode.workspace.getConfiguration("tally", document);
  const folder = vscode.workspace.getWorkspaceFolder
    ? vscode.workspace.getWorkspaceFolder(document.uri)
    : undefined;
  return inScope(
    { scheme: document.uri.scheme, fsPath: document.uri.fsPath, folder: folder ? folder.uri.fsPath : "" },
    { enable: cfg.get("enable", true), include: cfg.get("include", []), exclude: cfg.get("exclude", []) },
  );
}

function middleware() {
  const read = cachedReader();
  const only = (doc, next) => (scoped(doc) ? next() : undefined);
  return {
    didOpen: (doc, next) => only(doc, () => next(doc)),
    didChange: (event, next) => only(event.document, () => next(event)),
    didSave: (doc, next) => only(doc, () => next(doc)),
    didClose: (doc, next) => only(doc, () => next(doc)),
    handleDiagnostics: (uri, diagnostics, next) => {
      for (const d of diagnostics)
        if (d.code && typeof d.code === "object" && d.code.target) {
          const href = localLink(d.code.target.toString(true), read);
          if (href !== d.code.target.toString(true)) d.code.target = vscode.Uri.parse(href);
        }
      next(uri, diagnostics);
    },
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      if (!hover) return hover;
      const contents = hover.contents.map((c) =>
        c && typeof c.value === "string" && c.value.includes("file://")
          ? Object.assign(new vscode.MarkdownString(localLinksIn(c.value, read)), { isTrusted: c.isTrusted })
          : c,
      );
      return new vscode.Hover(contents, hover.range);
    },
  };
}

function createClient(command) {
  let client;
  let hasRun = false;
  let fallback;
  const errorHandler = firstStartGuard(
    () => (fallback = fallback || client.createDefaultErrorHandler(4)),
    () => hasRun,
  );
  client = new deps.LanguageClient(
    "tally",
    "Tally",
    { command, args: ["lsp"], transport: deps.TransportKind.stdio },
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
      initializationOptions: initializationOptions(),
      outputChannel: sharedChannel(channel),
      middleware: middleware(),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(WATCH_GLOB) },
      errorHandler,
    },
  );
  if (client.onDidChangeState)
    client.onDidChangeState((e) => {
      if (e.newState === RUNNING) hasRun = true;
    });
  return client;
}

// One notification per cause (not one per keystroke or restart), with the two ways out.
let lastNotice = "";
async function onProblem(problem) {
  const notice = problemNotice(problem);
  if (notice.text === lastNotice) return;
  lastNotice = notice.text;
  const choice = await vscode.window.showWarningMessage(notice.text, ...notice.buttons);
  if (choice === SET_PATH) await vscode.commands.executeCommand("workbench.action.openSettings", "tally.path");
  if (choice === INSTALL) {
    const readme = vscode.Uri.file(path.join(extensionPath, "README.md"));
    await vscode.commands.executeCommand("markdown.showPreview", readme);
  }
}

async function activate(context) {
  extensionPath = context.extensionPath || "";
  channel = vscode.window.createOutputChannel("Tally");
  lifecycle = new Lifecycle({
    find,
    createClient,
    log: (line) => channel.appendLine(`[tally  - ${new Date().toLocaleTimeString()}] ${line}`),
    // With a server still running (a path being typed) the output channel says it; with none,
    // a notification does.
    onProblem: (p, running) => {
      if (!running) onProblem(p).catch(() => {});
    },
  });
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand("tally.restart", () => {
      lastNotice = ""; // asked for: a cause that remains is told again
      return lifecycle.restart();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("tally")) {
        if (e.affectsConfiguration("tally.path")) lastNotice = "";
        lifecycle.schedule();
      }
    }),
  );
  await lifecycle.restart();
}

async function deactivate() {
  if (lifecycle) await lifecycle.stop();
}

module.exports = { activate, deactivate, deps };
