// Starts `tally lsp` for plain-text and Markdown documents. Findings arrive as diagnostics,
// fixes as quick fixes, explanations on hover; the server reloads rule folders itself.
// Bundled by esbuild into dist/extension.js (scripts/package.sh); a platform package carries
// the tally binary as bin/<platform>-<arch>/tally, used unless tally.path is set.
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

// What activate() builds the client with: the tests swap in stand-ins here, which works on the
// bundle too (where vscode-languageclient is inside the file, not a module to intercept).
const deps = { LanguageClient, TransportKind };

let client;
let extensionPath = "";

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

// tally.path when the user set it (to anything, "tally" included: then PATH decides), else the
// packaged binary, else `tally` on PATH.
function tallyCommand() {
  const cfg = vscode.workspace.getConfiguration("tally");
  const set = cfg.inspect ? cfg.inspect("path") : undefined;
  const explicit =
    set &&
    [set.globalValue, set.workspaceValue, set.workspaceFolderValue].some((v) => v !== undefined);
  if (!explicit) {
    const bundled = bundledTally();
    if (bundled) return bundled;
  }
  return cfg.get("path", "tally") || "tally";
}

function serverOptions() {
  return { command: tallyCommand(), args: ["lsp"], transport: deps.TransportKind.stdio };
}

function initializationOptions() {
  const cfg = vscode.workspace.getConfiguration("tally");
  const opts = { rules: cfg.get("rules", []), disable: cfg.get("disable", []) };
  if (cfg.get("config")) opts.config = cfg.get("config");
  if (cfg.get("date")) opts.date = cfg.get("date");
  return opts;
}

async function start() {
  client = new deps.LanguageClient(
    "tally",
    "Tally",
    serverOptions(),
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
      initializationOptions: initializationOptions(),
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/{.tally.yml,*.yaml,*.lua}"),
      },
    },
  );
  await client.start();
}

async function activate(context) {
  extensionPath = context.extensionPath || "";
  context.subscriptions.push(
    vscode.commands.registerCommand("tally.restart", async () => {
      if (client) await client.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("tally")) await vscode.commands.executeCommand("tally.restart");
    }),
  );
  await start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate, deps };
