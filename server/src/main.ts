// Placeholder entry point of the language server (LSP wiring lives in server/src/lsp).
export {};
