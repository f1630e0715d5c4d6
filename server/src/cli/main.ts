// Placeholder entry point of the `haproxy-buildout` command-line tool.
export {};
