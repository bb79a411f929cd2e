import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The Tauri shell loads ui/dist (see tauri.conf.json at the repository root).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    chunkSizeWarningLimit: 4096,
  },
});
