// Runs HuggingFace's Unigram trainer in its own process: the native trainer prints its progress
// straight to file descriptor 1, which must stay the parent's JSON output. Arguments: the
// pre-token file to train on and the tokenizer.json to write.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// One thread: fewer differences between runs in the scores' last bits.
process.env.TOKENIZERS_PARALLELISM = 'false';
const hf = require('tokenizers');
const [corpusFile, savedFile] = process.argv.slice(2);
const tokenizer = new hf.Tokenizer(hf.Unigram.empty());
tokenizer.setPreTokenizer(hf.whitespaceSplitPreTokenizer());
tokenizer.train([corpusFile]);
tokenizer.save(savedFile);
