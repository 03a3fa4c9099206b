// The client ships ES modules with types behind `exports`, which this project's CommonJS
// resolution does not read; Node 20.19+ loads it through require(esm). This points the
// compiler at the same types.
declare module 'meilisearch' {
  export * from 'meilisearch/dist/index';
}
