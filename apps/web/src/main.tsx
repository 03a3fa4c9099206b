import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { CandidateEditor } from './pages/CandidateEditor';
import { CandidateMatches, ConsoleHome, ConsoleReferrals } from './pages/Console';
import { ConsoleAllocation, ConsoleCatalogue } from './pages/ConsoleCatalogue';
import { ConsoleReferralDetail } from './pages/ConsoleReferral';
import { ConsoleFollowUps, ConsoleIndicators } from './pages/ConsoleWork';
import { HelpPage } from './pages/HelpPage';
import { HostNeeds, HostOffers } from './pages/HostHelp';
import { HostOrganizations } from './pages/HostOrganization';
import { HostPortal } from './pages/HostPortal';
import { HostResources } from './pages/HostResources';
import { LoginPage } from './pages/LoginPage';
import { PublicMap } from './pages/PublicMap';
import { ResourceEditor } from './pages/ResourceEditor';
import { ResourcePage } from './pages/ResourcePage';
import { useLocation } from './router';

function App() {
  const url = useLocation();
  const path = url.pathname;
  const details = /^\/resources\/([^/]+)$/.exec(path);
  if (details) return <ResourcePage id={decodeURIComponent(details[1])} />;
  if (path === '/console/candidates/new') return <CandidateEditor id={null} />;
  const profile = /^\/console\/candidates\/([^/]+)\/profile$/.exec(path);
  if (profile) return <CandidateEditor key={profile[1]} id={decodeURIComponent(profile[1])} />;
  const candidate = /^\/console\/candidates\/([^/]+)$/.exec(path);
  if (candidate)
    return <CandidateMatches key={candidate[1]} id={decodeURIComponent(candidate[1])} />;
  if (path === '/console/referrals') return <ConsoleReferrals />;
  if (path === '/console/resources') return <ConsoleCatalogue />;
  if (path === '/console/allocation') return <ConsoleAllocation />;
  const referral = /^\/console\/referrals\/([^/]+)$/.exec(path);
  if (referral)
    return <ConsoleReferralDetail key={referral[1]} id={decodeURIComponent(referral[1])} />;
  if (path === '/console/follow-ups') return <ConsoleFollowUps />;
  if (path === '/console/indicators') return <ConsoleIndicators />;
  if (path.startsWith('/console')) return <ConsoleHome />;
  if (path === '/host/resources') return <HostResources />;
  const editing = /^\/host\/resources\/([^/]+)$/.exec(path);
  if (editing)
    return (
      <ResourceEditor
        key={editing[1]}
        id={editing[1] === 'new' ? null : decodeURIComponent(editing[1])}
      />
    );
  if (path === '/host/needs') return <HostNeeds />;
  if (path === '/host/offers') return <HostOffers />;
  if (path === '/host/organization') return <HostOrganizations />;
  if (path.startsWith('/host')) return <HostPortal />;
  if (path === '/login') return <LoginPage />;
  if (path === '/help') return <HelpPage url={url} />;
  return <PublicMap url={url} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
