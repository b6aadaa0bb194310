/* eslint-disable */
function caesar(text, shift) {
  return text.replace(/[a-z]/gi, (ch) => {
    const base = ch <= 'Z' ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + shift) % 26 + 26) % 26 + base);
  });
}
const secret = caesar('Attack at Dawn, Zebra!', 3);
console.log(secret, caesar(secret, -3), caesar('abc', 29));
