import type { LanguageModelV3Prompt } from '@ai-sdk/provider';

/** What an offline answer is made of: the instructions, the last thing the user said, and all text (for token counts). */
export interface PromptMaterial {
  system: string;
  lastUser: string;
  allText: string;
}

export function promptMaterial(prompt: LanguageModelV3Prompt): PromptMaterial {
  const system: string[] = [];
  const all: string[] = [];
  let lastUser = '';
  for (const message of prompt) {
    if (message.role === 'system') {
      system.push(message.content);
      all.push(message.content);
      continue;
    }
    const text = message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .filter(Boolean)
      .join('\n');
    all.push(text);
    if (message.role === 'user') lastUser = text;
  }
  return { system: system.join('\n'), lastUser, allText: all.join('\n') };
}
