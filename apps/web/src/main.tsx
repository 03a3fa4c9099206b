import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { PublicMap } from './pages/PublicMap';
import { ResourcePage } from './pages/ResourcePage';
import { useLocation } from './router';

function App() {
  const url = useLocation();
  const details = /^\/resources\/([^/]+)$/.exec(url.pathname);
  return details ? <ResourcePage id={decodeURIComponent(details[1])} /> : <PublicMap url={url} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
