/**
 * The text a memory's vector is made from: its content, prefixed by who said it when known
 * ("Caroline: I went to the support group"), since questions name people that the words of a
 * turn do not. Every path that embeds a memory (add, update, import, reembed) uses this.
 */
export function embeddingText(memory: { content: string; actorId?: string | undefined }): string {
  return memory.actorId ? `${memory.actorId}: ${memory.content}` : memory.content;
}
