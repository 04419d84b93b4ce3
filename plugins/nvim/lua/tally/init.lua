-- Tally for Neovim (0.7+), using the built-in LSP client: `tally lsp` is started once and
-- attached to every text and Markdown buffer. Diagnostics, quick fixes (vim.lsp.buf.code_action)
-- and hover (vim.lsp.buf.hover) then work as for any language server.
local M = {}

M.defaults = {
  cmd = { "tally", "lsp" },
  filetypes = { "text", "markdown" },
  -- Passed to the server: rules = { folders }, config = path, date = "YYYY-MM-DD",
  -- disable = { ids }, docsBase = "https://…/" for rule links.
  init_options = {},
  root_dir = nil, -- default: the current directory
}

M.config = vim.deepcopy(M.defaults)
local client_id = nil

local function client()
  if client_id and vim.lsp.get_client_by_id(client_id) then
    return client_id
  end
  client_id = vim.lsp.start_client({
    name = "tally",
    cmd = M.config.cmd,
    root_dir = M.config.root_dir or vim.fn.getcwd(),
    init_options = M.config.init_options,
  })
  return client_id
end

-- Attaches Tally to a buffer (the current one by default).
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local id = client()
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("tally", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
