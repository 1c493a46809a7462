// The only place ECharts is imported: the core, the chart types and the components the pages use, drawn as SVG
// (crisp at any zoom, the same output the server renders for reports). Loaded lazily, after the headline figures.
// The map chart type is added by WorldMap.tsx, so line and bar charts do not carry it.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export { echarts };
