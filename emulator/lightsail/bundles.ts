// GetBundles: the instance plans a new instance may use, with prices, hardware and platforms, as Lightsail lists them
// (Linux/Unix and Windows, the current generation and inactive older ones, and Lightsail for Research's GPU plans).
// Without includeInactive, inactive bundles are left out.
import type { Handlers } from './routes.ts'

export interface Bundle {
  bundleId: string
  name: string
  instanceType: string
  price: number
  cpuCount: number
  ramSizeInGb: number
  diskSizeInGb: number
  transferPerMonthInGb: number
  power: number
  isActive: boolean
  supportedPlatforms: string[]
  supportedAppCategories?: string[]
  publicIpv4AddressCount: number
}

type Row = [id: string, name: string, price: number, cpu: number, ram: number, disk: number, transferGb: number, power: number, active?: boolean]

const LINUX: Row[] = [
  ['nano_3_0', 'Nano', 5, 2, 0.5, 20, 1024, 298],
  ['micro_3_0', 'Micro', 7, 2, 1, 40, 2048, 500],
  ['small_3_0', 'Small', 12, 2, 2, 60, 3072, 1000],
  ['medium_3_0', 'Medium', 24, 2, 4, 80, 4096, 2000],
  ['large_3_0', 'Large', 44, 2, 8, 160, 5120, 3000],
  ['xlarge_3_0', 'XLarge', 84, 4, 16, 320, 6144, 6000],
  ['2xlarge_3_0', '2XLarge', 164, 8, 32, 640, 7168, 12000],
  ['micro_2_0', 'Micro', 5, 1, 1, 40, 2048, 500, false],
  ['small_2_0', 'Small', 10, 1, 2, 60, 3072, 1000, false],
]
const WINDOWS: Row[] = [
  ['nano_win_3_0', 'Nano', 9.5, 2, 0.5, 30, 1024, 298],
  ['micro_win_3_0', 'Micro', 14, 2, 1, 40, 2048, 500],
  ['small_win_3_0', 'Small', 25, 2, 2, 60, 3072, 1000],
  ['medium_win_3_0', 'Medium', 44, 2, 4, 80, 4096, 2000],
  ['large_win_3_0', 'Large', 80, 2, 8, 160, 5120, 3000],
]
const RESEARCH: Row[] = [
  ['gpu_nvidia_xl_1_0', 'GPU XL', 526, 4, 16, 320, 1024, 4000],
  ['gpu_nvidia_2xl_1_0', 'GPU 2XL', 749, 8, 32, 320, 1024, 8000],
]

function bundle([bundleId, name, price, cpuCount, ramSizeInGb, diskSizeInGb, transferPerMonthInGb, power, active = true]: Row, platform: string, research = false): Bundle {
  return {
    price, cpuCount, diskSizeInGb, bundleId,
    instanceType: bundleId.split('_')[0]!,
    isActive: active,
    name, power, ramSizeInGb, transferPerMonthInGb,
    supportedPlatforms: [platform],
    ...(research ? { supportedAppCategories: ['LfR'] } : {}),
    publicIpv4AddressCount: 1,
  }
}

export const BUNDLES: Bundle[] = [
  ...LINUX.map((r) => bundle(r, 'LINUX_UNIX')),
  ...WINDOWS.map((r) => bundle(r, 'WINDOWS')),
  ...RESEARCH.map((r) => bundle(r, 'LINUX_UNIX', true)),
]

export const bundleHandlers: Handlers = {
  GetBundles(_store, _region, input) {
    const all = input.includeInactive === true
    const category = input.appCategory
    return {
      bundles: BUNDLES.filter((b) => (all || b.isActive) && (category === undefined || b.supportedAppCategories?.includes(String(category)))),
    }
  },
}
