import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The API server the dev server forwards /api to; `chemsafe serve` listens on 8080 by default.
const apiTarget = process.env.CHEMSAFE_API_URL || 'http://127.0.0.1:8080'

const proxy = {
  '/api': { target: apiTarget, changeOrigin: false, ws: false },
}

// Large libraries go to their own chunks: they change less often than the app, and the server
// caches everything under /assets/ as immutable, so an app update does not re-download them.
function manualChunks(id) {
  if (!id.includes('node_modules')) return undefined
  if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts'
  if (id.includes('/leaflet/')) return 'leaflet'
  if (id.includes('/element-plus/') || id.includes('/@element-plus/') || id.includes('/@floating-ui/')
      || id.includes('/@vueuse/') || id.includes('/lodash') || id.includes('/dayjs/') || id.includes('/@ctrl/')
      || id.includes('/async-validator/') || id.includes('/memoize-one/') || id.includes('/normalize-wheel')
      || id.includes('/@popperjs/')) return 'element-plus'
  return 'vendor'
}

export default defineConfig({
  // Absolute base: the app is served from / and history-mode routes such as /enterprises/12 load
  // their assets from /assets/.
  base: '/',
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2020',
    // ECharts' core alone is ~500 kB minified (~170 kB gzip), just over Vite's default limit; it is
    // its own chunk, loaded only by the dashboard and cached as immutable.
    chunkSizeWarningLimit: 600,
    rollupOptions: { output: { manualChunks } },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.js'],
    server: { deps: { inline: ['element-plus'] } },
  },
})
