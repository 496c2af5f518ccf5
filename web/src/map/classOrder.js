// Indices sorted by class (counting sort): order[starts[c] .. starts[c+1]) are the points of class c.
export function orderByClass(classes, classCount) {
  const counts = new Uint32Array(classCount + 1)
  for (let i = 0; i < classes.length; i++) counts[classes[i] + 1]++
  const starts = new Uint32Array(classCount + 1)
  for (let c = 0; c < classCount; c++) starts[c + 1] = starts[c] + counts[c + 1]
  const next = starts.slice(0, classCount)
  const order = new Uint32Array(classes.length)
  for (let i = 0; i < classes.length; i++) order[next[classes[i]]++] = i
  return { order, starts }
}
