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

/** The platform a blueprint runs on, as bundles name it, and whether it is a Lightsail for Research image. */
export function platformOf(blueprintId: string | undefined): { platform: 'LINUX_UNIX' | 'WINDOWS'; research: boolean } {
  return { platform: blueprintId?.startsWith('windows') ? 'WINDOWS' : 'LINUX_UNIX', research: blueprintId?.startsWith('lfr_') === true }
}

/**
 * Why a bundle cannot hold an instance made from an image of `sizeInGb` with `blueprintId`, in Lightsail's words, or
 * undefined when it can: it must exist, be offered still, run the image's platform (Lightsail for Research images on
 * its own bundles only) and have a disk at least the image's size.
 */
export function bundleProblem(bundleId: string, image: { blueprintId?: string; sizeInGb?: number }): string | undefined {
  const bundle = BUNDLES.find((b) => b.bundleId === bundleId)
  if (!bundle) return `The bundle ID is not valid: ${bundleId}`
  if (!bundle.isActive) return `The bundle ${bundleId} is no longer available for new instances. Choose an active bundle.`
  const { platform, research } = platformOf(image.blueprintId)
  const forResearch = bundle.supportedAppCategories?.includes('LfR') === true
  if (!bundle.supportedPlatforms.includes(platform) || forResearch !== research) {
    return `The bundle ${bundleId} does not support the snapshot's platform (${research ? 'Lightsail for Research, ' : ''}${platform}).`
  }
  if (image.sizeInGb !== undefined && bundle.diskSizeInGb < image.sizeInGb) {
    return `The bundle ${bundleId} is too small for the snapshot: its disk is ${bundle.diskSizeInGb} GB and the snapshot's is ${image.sizeInGb} GB. Choose a bundle with a disk of at least ${image.sizeInGb} GB.`
  }
  return undefined
}
