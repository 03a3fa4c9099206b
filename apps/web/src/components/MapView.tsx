import L from 'leaflet';
import { useEffect, useRef } from 'react';
import Supercluster from 'supercluster';
import type { AppConfig } from '../api';

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** The area's point, not the place's (a confidential place). */
  approximate: boolean;
}

export interface MapArea {
  id: string;
  name: string;
  boundary: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

interface Props {
  areas: MapArea[];
  points: MapPoint[];
  tiles: AppConfig;
  focus: { latitude: number; longitude: number } | null;
  initial: { latitude: number; longitude: number; zoom: number } | null;
  onOpen: (id: string) => void;
  onMoved: (center: { latitude: number; longitude: number; zoom: number }) => void;
}

/**
 * Text for a Leaflet tooltip. Leaflet reads a string as HTML; names come from hosts and imported
 * lists, so they go in as text, never as markup.
 */
function textOf(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/**
 * Leaflet, drawing our own data first: the areas' outlines, and the places clustered
 * (supercluster) so that hundreds stay readable. Tiles only when configured: without them
 * (or offline) the map is still useful. The list beside it holds the same results for everyone
 * who does not use the map.
 */
export function MapView({ areas, points, tiles, focus, initial, onOpen, onMoved }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const outlines = useRef<L.GeoJSON | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const tileLayer = useRef<L.TileLayer | null>(null);
  const fitted = useRef(false);
  const handlers = useRef({ onOpen, onMoved });
  handlers.current = { onOpen, onMoved };

  useEffect(() => {
    const m = L.map(element.current!, {
      zoomControl: true,
      attributionControl: true,
      preferCanvas: false,
    });
    m.setView(
      initial ? [initial.latitude, initial.longitude] : [35.68, 139.36],
      initial?.zoom ?? 13,
    );
    if (initial) fitted.current = true;
    outlines.current = L.geoJSON(undefined, {
      style: { color: '#2f6f4f', weight: 1.5, fillColor: '#cfe8d8', fillOpacity: 0.25 },
      onEachFeature: (feature, layer) =>
        layer.bindTooltip(textOf((feature.properties as { name: string }).name), { sticky: true }),
    }).addTo(m);
    markers.current = L.layerGroup().addTo(m);
    m.on('moveend', () => {
      const c = m.getCenter();
      handlers.current.onMoved({ latitude: c.lat, longitude: c.lng, zoom: m.getZoom() });
    });
    map.current = m;
    // The layout (a phone's stacked page, a resized window) decides the map's size late.
    const resized = new ResizeObserver(() => m.invalidateSize());
    resized.observe(element.current!);
    return () => {
      resized.disconnect();
      m.remove();
      map.current = null;
    };
    // The map is made once; its data comes through the effects below.
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    tileLayer.current?.remove();
    tileLayer.current = tiles.tileUrl
      ? L.tileLayer(tiles.tileUrl, { attribution: tiles.tileAttribution, maxZoom: 18 }).addTo(m)
      : null;
  }, [tiles]);

  useEffect(() => {
    const layer = outlines.current;
    const m = map.current;
    if (!layer || !m) return;
    layer.clearLayers();
    for (const a of areas)
      layer.addData({
        type: 'Feature',
        properties: { name: a.name },
        geometry: a.boundary,
      } as GeoJSON.Feature);
    if (!fitted.current && areas.length) {
      m.invalidateSize();
      m.fitBounds(layer.getBounds(), { padding: [8, 8] });
      fitted.current = true;
    }
  }, [areas]);

  useEffect(() => {
    const m = map.current;
    if (m && focus) m.setView([focus.latitude, focus.longitude], Math.max(m.getZoom(), 14));
  }, [focus]);

  useEffect(() => {
    const m = map.current;
    const group = markers.current;
    if (!m || !group) return;
    const index = new Supercluster<MapPoint>({ radius: 48, maxZoom: 16 });
    index.load(
      points.map((p) => ({
        type: 'Feature',
        properties: p,
        geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
      })),
    );
    const draw = () => {
      group.clearLayers();
      const b = m.getBounds();
      const zoom = Math.round(m.getZoom());
      for (const f of index.getClusters(
        [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        zoom,
      )) {
        const [lng, lat] = f.geometry.coordinates;
        const props = f.properties as MapPoint | Supercluster.ClusterProperties;
        if ('cluster' in props && props.cluster) {
          const count = props.point_count;
          L.marker([lat, lng], {
            icon: L.divIcon({
              className: 'cluster',
              html: `<span>${count}</span>`,
              iconSize: [36, 36],
            }),
            title: `${count}か所`,
            keyboard: false,
          })
            .on('click', () =>
              m.setView([lat, lng], Math.min(index.getClusterExpansionZoom(Number(f.id)), 18)),
            )
            .addTo(group);
        } else {
          const p = props as MapPoint;
          L.circleMarker([lat, lng], {
            radius: 8,
            color: '#ffffff',
            weight: 2,
            fillColor: p.approximate ? '#8a6d1f' : '#1f5fa8',
            fillOpacity: 0.95,
          })
            .bindTooltip(textOf(p.approximate ? `${p.name}（おおよその場所）` : p.name))
            .on('click', () => handlers.current.onOpen(p.id))
            .addTo(group);
        }
      }
    };
    draw();
    m.on('moveend', draw);
    return () => {
      m.off('moveend', draw);
    };
  }, [points]);

  return <div ref={element} className="map-canvas" />;
}
