/**
 * Topic matching as RabbitMQ 3.x does it (rabbit_exchange_type_topic): binding keys are
 * stored in a trie of words; a routing key walks the trie once. `*` matches exactly one
 * word, `#` zero or more words, every other word only itself.
 */

/**
 * Splits a topic key into words on `.`. The empty key has no words at all (so `*` does not
 * match it, `#` does); every `.` separates two words, which may be empty: `"a..b"` has three
 * words, `"."` two empty ones.
 */
export function splitTopicKey(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

interface TrieNode {
  id: number;
  children: Map<string, TrieNode>;
  /** Indices of the patterns that end at this node. */
  patterns: number[];
}

/** A compiled set of topic patterns. Immutable once built. */
export interface TopicTrie {
  readonly root: TrieNode;
}

/** Builds the trie of `patterns`; a match returns indices into this array. */
export function buildTopicTrie(patterns: readonly string[]): TopicTrie {
  let nextId = 0;
  const newNode = (): TrieNode => ({ id: nextId++, children: new Map(), patterns: [] });
  const root = newNode();
  patterns.forEach((pattern, index) => {
    let node = root;
    for (const word of splitTopicKey(pattern)) {
      let child = node.children.get(word);
      if (!child) {
        child = newNode();
        node.children.set(word, child);
      }
      node = child;
    }
    node.patterns.push(index);
  });
  return { root };
}

/**
 * The indices (ascending, unique) of the patterns that match `routingKey`. Each (node, word
 * position) pair is explored once, so patterns full of `#` stay linear in trie size times
 * key length instead of exponential.
 */
export function matchTopic(trie: TopicTrie, routingKey: string): number[] {
  const words = splitTopicKey(routingKey);
  const seen = new Set<number>();
  const matched = new Set<number>();
  const stride = words.length + 1;

  const visit = (node: TrieNode, at: number): void => {
    const key = node.id * stride + at;
    if (seen.has(key)) return;
    seen.add(key);
    const hash = node.children.get('#');
    if (at === words.length) {
      for (const index of node.patterns) matched.add(index);
      if (hash) visit(hash, at);
      return;
    }
    const word = words[at] as string;
    const exact = node.children.get(word);
    if (exact) visit(exact, at + 1);
    const star = node.children.get('*');
    if (star && star !== exact) visit(star, at + 1);
    // `#` may swallow any number of the remaining words, including none.
    if (hash) for (let skip = at; skip <= words.length; skip++) visit(hash, skip);
  };

  visit(trie.root, 0);
  return [...matched].sort((a, b) => a - b);
}
