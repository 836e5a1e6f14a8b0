import type { IncomingMessage, ServerResponse } from "node:http"

export function isScriptFreeDocument(html: string): boolean
export function isOpenableDocument(html: string): boolean
export function withoutScripts(html: string): string
export function isDocumentRequest(req: IncomingMessage): boolean
export function serveDocument(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): unknown
