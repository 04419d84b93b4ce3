// The extension's one output channel, shared by every client it starts: vscode-languageclient
// writes into it, and its own "exited with code 0" (an error line, even after a normal shutdown)
// is relabelled as the information it is.
"use strict";

// "[Error - 10:02:03] Server process exited with code 0." -> "[Info  - 10:02:03] Server process
// exited normally (code 0)."; every other line as it is.
function relabel(line) {
  const m = /^\[Error - ([^\]]*)\] Server process exited with code 0\.$/.exec(line);
  return m ? `[Info  - ${m[1]}] Server process exited normally (code 0).` : line;
}

// An OutputChannel that passes everything to `channel`, relabelled, and is never disposed of
// by a client (the extension disposes of the real one when it ends).
function sharedChannel(channel) {
  return {
    get name() {
      return channel.name;
    },
    append: (s) => channel.append(relabel(s)),
    appendLine: (s) => channel.appendLine(relabel(s)),
    replace: (s) => (channel.replace ? channel.replace(s) : undefined),
    clear: () => channel.clear(),
    show: (...a) => channel.show(...a),
    hide: () => channel.hide(),
    dispose: () => {},
  };
}

module.exports = { relabel, sharedChannel };
