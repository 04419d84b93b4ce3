// Starts `tally lsp` for plain-text and Markdown documents. Findings arrive as diagnostics,
// fixes as quick fixes, explanations on hover; the server reloads rule folders itself.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const cfg = vscode.workspace.getConfiguration("tally");
  return { command: cfg.get("path", "tally"), args: ["lsp"], transport: TransportKind.stdio };
}

function initializationOptions() {
  const cfg = vscode.workspace.getConfiguration("tally");
  const opts = { rules: cfg.get("rules", []), disable: cfg.get("disable", []) };
  if (cfg.get("config")) opts.config = cfg.get("config");
  if (cfg.get("date")) opts.date = cfg.get("date");
  return opts;
}

async function start() {
  client = new LanguageClient(
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

module.exports = { activate, deactivate };
