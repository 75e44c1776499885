<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Attention Trainer</source>
        <translation>关于 Attention Trainer</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Attention Trainer {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Attention Trainer {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Which columns of a table matter, and how well a small network predicts the target from them. Works offline; MIT licence.</source>
        <translation>表格中哪些列重要，以及一个小型神经网络能多好地根据这些列预测目标。无需联网即可使用；MIT 许可证。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running on&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;运行环境&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>Copy versions</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>Copy the versions, e.g. for a bug report</source>
        <translation>复制版本信息，例如用于错误报告</translation>
    </message>
</context>
<context>
    <name>AttentionBars</name>
    <message>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>blue: attention weight · orange: share of the loss rise when shuffled</source>
        <translation>蓝：注意力权重 · 橙：打乱后损失上升的占比</translation>
    </message>
    <message>
        <source>blue: attention · orange: shuffled</source>
        <translation>蓝：注意力 · 橙：打乱</translation>
    </message>
    <message>
        <source>blue: attention · orange: shuffled (top {0} of {1})</source>
        <translation>蓝：注意力 · 橙：打乱（{1} 个中前 {0} 个）</translation>
    </message>
    <message>
        <source>weight / share</source>
        <translation>权重 / 占比</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>weight (top {0} of {1} features)</source>
        <translation>权重（前 {0} 个特征，共 {1} 个）</translation>
    </message>
    <message>
        <source>weight (top {0} of {1})</source>
        <translation>权重（前 {0}，共 {1}）</translation>
    </message>
</context>
<context>
    <name>AttentionComparison</name>
    <message>
        <source>Attention by run</source>
        <translation>各次运行的注意力</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>AttentionHistory</name>
    <message>
        <source>Attention over epochs</source>
        <translation>注意力随轮次的变化</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>ChecksDialog</name>
    <message>
        <source>Attention checks</source>
        <translation>注意力检验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>1. Uniform baseline: does attention help at all?</source>
        <translation>1. 均匀基线：注意力到底有没有帮助？</translation>
    </message>
    <message>
        <source>2. Across seeds: does attention stay put?</source>
        <translation>2. 跨随机种子：注意力是否稳定？</translation>
    </message>
    <message>
        <source>3. Frozen attention: does a fresh network gain from it?</source>
        <translation>3. 冻结注意力：全新网络能否从中获益？</translation>
    </message>
    <message>
        <source>Three checks of Wiegreffe &amp; Pinter, “Attention is not not Explanation” (EMNLP 2019), each over several seeds of one validation split: the same settings without attention; how much attention moves between seeds; and a fresh network trained on the inputs weighted by the learned attention, frozen, against uniform and permuted weights.</source>
        <translation>Wiegreffe 与 Pinter 的三项检验（“Attention is not not Explanation”，EMNLP 2019），每项都在同一验证划分上使用多个随机种子：相同设置但不用注意力；注意力在不同种子之间变动多少；以及用学到的注意力（冻结）加权输入训练一个全新网络，并与均匀权重和置换后的权重对比。</translation>
    </message>
    <message>
        <source>Checking the settings of “{0}” on {1}.</source>
        <translation>正在 {1} 上检验“{0}”的设置。</translation>
    </message>
    <message>
        <source>Checking the current settings on {0}.</source>
        <translation>正在 {0} 上检验当前设置。</translation>
    </message>
    <message>
        <source>Training the runs the checks compare…</source>
        <translation>正在训练检验所比较的各次运行…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Per seed, with attention: {0}; without: {1}.</source>
        <translation>各随机种子，有注意力：{0}；无注意力：{1}。</translation>
    </message>
    <message>
        <source>Moves most (sd of the weight over {0} seeds): {1}.</source>
        <translation>变动最大（{0} 个随机种子上权重的标准差）：{1}。</translation>
    </message>
    <message>
        <source>Correlated columns, weighed together: {0}.</source>
        <translation>相关列合并计权：{0}。</translation>
    </message>
    <message>
        <source>Per seed, learned weights: {0}; uniform: {1}; permuted: {2}.</source>
        <translation>各随机种子，学到的权重：{0}；均匀：{1}；置换：{2}。</translation>
    </message>
</context>
<context>
    <name>ColumnTable</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Role: a feature is an input, the target is predicted, an ignored column is not used. Grey columns are left out by default; hover for the reason.</source>
        <translation>角色：特征作为输入，目标是要预测的列，忽略的列不参与使用。灰色的列默认不使用；将鼠标悬停其上可查看原因。</translation>
    </message>
    <message>
        <source>numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>{name}: {kind}, {missing:,} of {rows:,} missing, {unique:,} distinct
{summary}</source>
        <translation>{name}：{kind}，{rows:,} 个中缺失 {missing:,} 个，{unique:,} 个不同的值
{summary}</translation>
    </message>
    <message>
        <source>Left out by default: {reason}</source>
        <translation>默认不使用：{reason}</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixPlot</name>
    <message>
        <source>Confusion (validation)</source>
        <translation>混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>a feature&apos;s name holds a comma, which --features cannot express; use the run&apos;s configuration file with --config instead</source>
        <translation>某个特征名包含逗号，--features 无法表示；请改用该次运行的配置文件并加 --config</translation>
    </message>
    <message>
        <source>the configuration must be a JSON object of settings</source>
        <translation>配置必须是一个由设置项组成的 JSON 对象</translation>
    </message>
    <message>
        <source>fewer than 2 training rows have a target value; the file is too small to train on</source>
        <translation>有目标值的训练行不足 2 行；文件太小，无法训练</translation>
    </message>
    <message>
        <source>no training rows are left after preprocessing; choose another missing-value or outlier setting</source>
        <translation>预处理后没有剩余的训练行；请换一种缺失值或异常值设置</translation>
    </message>
    <message>
        <source>the formula is empty; type an expression in z, e.g. exp(z)</source>
        <translation>公式为空；请输入关于 z 的表达式，例如 exp(z)</translation>
    </message>
    <message>
        <source>no column can serve as the target: every column is an ID, constant or empty</source>
        <translation>没有可作为目标的列：每一列都是 ID、常量或空列</translation>
    </message>
    <message>
        <source>no row of the validation file has a usable target value; use another --valid-data file</source>
        <translation>验证文件中没有一行有可用的目标值；请使用其他 --valid-data 文件</translation>
    </message>
    <message>
        <source>the formula must be on one line; remove the line breaks</source>
        <translation>公式必须写在一行内；请删除换行</translation>
    </message>
    <message>
        <source>the file has only one data row, so every column is constant; a table to learn from needs many rows</source>
        <translation>文件只有一个数据行，因此每一列都是常量；用于学习的表格需要很多行</translation>
    </message>
    <message>
        <source>loading was cancelled</source>
        <translation>已取消加载</translation>
    </message>
    <message>
        <source>the file has a header but no data rows</source>
        <translation>文件只有表头，没有数据行</translation>
    </message>
    <message>
        <source>every feature got a zero score, so the weights are undefined; use a score that is positive somewhere (e.g. add a small constant)</source>
        <translation>每个特征的分数都是零，因此权重无定义；请使用在某处为正的分数（例如加上一个小常数）</translation>
    </message>
    <message>
        <source>the custom weighting needs a formula, e.g. exp(z) * 0.9**i</source>
        <translation>自定义加权需要一个公式，例如 exp(z) * 0.9**i</translation>
    </message>
    <message>
        <source>unknown target column &apos;{target}&apos;; the columns are: {columns}</source>
        <translation>未知的目标列“{target}”；现有的列：{columns}</translation>
    </message>
    <message>
        <source>--compare-off compares attention with attention off; this run already has attention off</source>
        <translation>--compare-off 比较开启注意力与关闭注意力；这次运行已经关闭了注意力</translation>
    </message>
    <message>
        <source>--compare-off needs several runs to compare: add --repeats N or --cv K (2 or more)</source>
        <translation>--compare-off 需要多次运行才能比较：请加上 --repeats N 或 --cv K（2 或以上）</translation>
    </message>
    <message>
        <source>the attention checks compare learned attention with none; choose global or per-row attention</source>
        <translation>注意力检验将学到的注意力与无注意力比较；请选择全局或逐行注意力</translation>
    </message>
    <message>
        <source>the attention checks compare runs on one validation split; leave out --cv</source>
        <translation>注意力检验比较同一验证划分上的运行；请去掉 --cv</translation>
    </message>
    <message>
        <source>macro F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>attention helps: {metric} {attended:.3f} with attention vs {plain:.3f} without ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, {runs} seeds)</source>
        <translation>注意力有帮助：{metric} 有注意力 {attended:.3f}，无注意力 {plain:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}，{runs} 个随机种子）</translation>
    </message>
    <message>
        <source>attention hurts: {metric} {attended:.3f} with attention vs {plain:.3f} without ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, {runs} seeds)</source>
        <translation>注意力有害：{metric} 有注意力 {attended:.3f}，无注意力 {plain:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}，{runs} 个随机种子）</translation>
    </message>
    <message>
        <source>attention makes no clear difference: {metric} {attended:.3f} with attention vs {plain:.3f} without ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f}, {runs} seeds)</source>
        <translation>注意力没有明显差别：{metric} 有注意力 {attended:.3f}，无注意力 {plain:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}，{runs} 个随机种子）</translation>
    </message>
    <message>
        <source>attention cannot vary between seeds here: {tv:.0%} of the weight moves between runs</source>
        <translation>此处注意力无法随随机种子变化：运行之间有 {tv:.0%} 的权重变动</translation>
    </message>
    <message>
        <source>attention is stable across seeds: Pearson r {pearson:.2f} between runs, {tv:.0%} of the weight moves</source>
        <translation>注意力在随机种子之间稳定：运行之间 Pearson r 为 {pearson:.2f}，{tv:.0%} 的权重变动</translation>
    </message>
    <message>
        <source>attention moves between seeds (Pearson r {pearson:.2f}, {tv:.0%} of the weight moves), but mostly within groups of correlated columns ({group_tv:.0%} moves between groups)</source>
        <translation>注意力随随机种子变动（Pearson r {pearson:.2f}，{tv:.0%} 的权重变动），但主要在相关列组内部（组之间变动 {group_tv:.0%}）</translation>
    </message>
    <message>
        <source>attention is unstable across seeds: Pearson r {pearson:.2f} between runs, {tv:.0%} of the weight moves; &apos;{column}&apos; moves most (sd {sd:.3f})</source>
        <translation>注意力在随机种子之间不稳定：运行之间 Pearson r 为 {pearson:.2f}，{tv:.0%} 的权重变动；“{column}”变动最大（标准差 {sd:.3f}）</translation>
    </message>
    <message>
        <source>attention varies between seeds: Pearson r {pearson:.2f} between runs, {tv:.0%} of the weight moves; &apos;{column}&apos; moves most (sd {sd:.3f})</source>
        <translation>注意力随随机种子有所变化：运行之间 Pearson r 为 {pearson:.2f}，{tv:.0%} 的权重变动；“{column}”变动最大（标准差 {sd:.3f}）</translation>
    </message>
    <message>
        <source>learned attention helps a fresh network: {metric} {learned:.3f} vs {uniform:.3f} with uniform weights and {permuted:.3f} with permuted weights ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f})</source>
        <translation>学到的注意力对全新网络有帮助：{metric} {learned:.3f}，均匀权重 {uniform:.3f}，置换权重 {permuted:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}）</translation>
    </message>
    <message>
        <source>learned attention hurts a fresh network: {metric} {learned:.3f} vs {uniform:.3f} with uniform weights and {permuted:.3f} with permuted weights ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f})</source>
        <translation>学到的注意力对全新网络有害：{metric} {learned:.3f}，均匀权重 {uniform:.3f}，置换权重 {permuted:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}）</translation>
    </message>
    <message>
        <source>learned attention gives a fresh network no clear gain: {metric} {learned:.3f} vs {uniform:.3f} with uniform weights and {permuted:.3f} with permuted weights ({difference:+.3f}, 95% interval {low:+.3f} to {high:+.3f})</source>
        <translation>学到的注意力没有给全新网络带来明显增益：{metric} {learned:.3f}，均匀权重 {uniform:.3f}，置换权重 {permuted:.3f}（{difference:+.3f}，95% 区间 {low:+.3f} 至 {high:+.3f}）</translation>
    </message>
    <message>
        <source>--engine dask needs the cluster extra: {hint}</source>
        <translation>--engine dask 需要 cluster 附加组件：{hint}</translation>
    </message>
    <message>
        <source>cannot reach the Dask scheduler at &apos;{address}&apos; ({reason}); start one with `dask scheduler`, or leave out --scheduler for a local cluster</source>
        <translation>无法连接位于“{address}”的 Dask 调度器（{reason}）；请用 `dask scheduler` 启动一个，或省略 --scheduler 以使用本地集群</translation>
    </message>
    <message>
        <source>no CSV or Parquet file matches &apos;{path}&apos;</source>
        <translation>没有与“{path}”匹配的 CSV 或 Parquet 文件</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; holds both CSV and Parquet files; give one kind</source>
        <translation>“{path}”中同时有 CSV 和 Parquet 文件；请只给出一种</translation>
    </message>
    <message>
        <source>cross-validation needs at least 2 folds, not 1; use 0 to turn it off</source>
        <translation>交叉验证至少需要 2 折，而不是 1 折；用 0 关闭它</translation>
    </message>
    <message>
        <source>unknown setting(s) {unknown}; known: {known}</source>
        <translation>未知的设置项 {unknown}；可用的设置项：{known}</translation>
    </message>
    <message>
        <source>cannot read the configuration file &apos;{path}&apos;: {reason}</source>
        <translation>无法读取配置文件“{path}”：{reason}</translation>
    </message>
    <message>
        <source>the configuration file &apos;{path}&apos; is not valid JSON (line {line}: {reason})</source>
        <translation>配置文件“{path}”不是有效的 JSON（第 {line} 行：{reason}）</translation>
    </message>
    <message>
        <source>unknown feature column(s) {unknown}; the columns are: {columns}</source>
        <translation>未知的特征列 {unknown}；现有的列：{columns}</translation>
    </message>
    <message>
        <source>no usable feature column besides the target &apos;{target}&apos; (the others are excluded as IDs, constant or empty); choose features with --features</source>
        <translation>除目标“{target}”外没有可用的特征列（其余列因是 ID、常量或空列而被排除）；请用 --features 选择特征</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; is empty in every row; choose another target</source>
        <translation>目标“{target}”在每一行都为空；请选择其他目标</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; holds dates, which cannot be predicted here; choose another target</source>
        <translation>目标“{target}”是日期，此处无法预测；请选择其他目标</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; has only one class{only}; a classifier needs at least two: choose another target or use --task regression</source>
        <translation>目标“{target}”只有一个类别{only}；分类器至少需要两个类别：请选择其他目标，或使用 --task regression</translation>
    </message>
    <message>
        <source>no row of the target &apos;{target}&apos; holds a number; choose another target or use --task classification</source>
        <translation>目标“{target}”没有任何一行是数字；请选择其他目标，或使用 --task classification</translation>
    </message>
    <message>
        <source>no row of the target &apos;{target}&apos; holds a value; choose another target</source>
        <translation>目标“{target}”没有任何一行有值；请选择其他目标</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; has {classes} classes in {rows} rows, too many to learn; use --task regression for a numeric target</source>
        <translation>目标“{target}”在 {rows} 行中有 {classes} 个类别，太多而无法学习；数值型目标请使用 --task regression</translation>
    </message>
    <message>
        <source>--positive applies to a target with two classes; &apos;{target}&apos; has {classes} classes</source>
        <translation>--positive 只适用于有两个类别的目标；“{target}”有 {classes} 个类别</translation>
    </message>
    <message>
        <source>no</source>
        <translation>0</translation>
    </message>
    <message>
        <source>the validation file lacks column(s) {columns} that the training file has; use a file with the same columns</source>
        <translation>验证文件缺少训练文件中的列 {columns}；请使用列相同的文件</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; holds numbers too large to model (beyond ±1e154); rescale it</source>
        <translation>目标“{target}”包含过大的数值（超出 ±1e154），无法建模；请先缩放</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; has the same value in every training row; there is nothing to predict</source>
        <translation>目标“{target}”在每个训练行中的值都相同；没有可预测的内容</translation>
    </message>
    <message>
        <source>the feature column(s) {features} hold no value in the rows where &apos;{target}&apos; has one; choose other features</source>
        <translation>在“{target}”有值的行中，特征列 {features} 都没有值；请选择其他特征</translation>
    </message>
    <message>
        <source>the target &apos;{target}&apos; holds values too far from the others to model (beyond ±3.4e38 after scaling); rescale it or remove those rows</source>
        <translation>目标“{target}”中有些值与其他值相差太远（缩放后超出 ±3.4e38），无法建模；请先缩放，或删除这些行</translation>
    </message>
    <message>
        <source>the validation set is empty: {rows} rows with a target value are too few to set some aside; use a larger file or validation fraction</source>
        <translation>验证集为空：有目标值的只有 {rows} 行，太少，无法从中留出验证行；请使用更大的文件，或增大验证集比例</translation>
    </message>
    <message>
        <source>the training rows of &apos;{target}&apos; hold only one class after preprocessing; choose another missing-value or outlier setting</source>
        <translation>预处理后“{target}”的训练行只剩一个类别；请换一种缺失值或异常值设置</translation>
    </message>
    <message>
        <source>the positive class &apos;{positive}&apos; is not a class of &apos;{target}&apos;; the classes are: {classes}</source>
        <translation>正类“{positive}”不是“{target}”的类别；现有类别：{classes}</translation>
    </message>
    <message>
        <source>column(s) {columns} hold numbers too large to train on (beyond ±3.4e38 after scaling); rescale them or leave them out</source>
        <translation>列 {columns} 包含过大的数值（缩放后超出 ±3.4e38），无法训练；请先缩放或不使用这些列</translation>
    </message>
    <message>
        <source>the file lacks the feature column(s) {columns}</source>
        <translation>文件缺少特征列 {columns}</translation>
    </message>
    <message>
        <source>{names} and {more} more</source>
        <translation>{names} 以及另外 {more} 个</translation>
    </message>
    <message>
        <source>&apos;{formula}&apos; gives {value} at {where}; a score must be positive and finite for every logit from -{limit} to {limit}, e.g. exp(z) or softplus(z)</source>
        <translation>“{formula}”在 {where} 处的值为 {value}；对 -{limit} 到 {limit} 之间的每个 logit，得分都必须是正的有限数，例如 exp(z) 或 softplus(z)</translation>
    </message>
    <message>
        <source>the derivative of &apos;{formula}&apos; is {value} at {where}, so training cannot follow it; smooth the formula there, e.g. sqrt(z**2 + 1) for abs(z)</source>
        <translation>“{formula}”的导数在 {where} 处为 {value}，训练无法沿其更新；请让公式在该处平滑，例如用 sqrt(z**2 + 1) 代替 abs(z)</translation>
    </message>
    <message>
        <source>&apos;{formula}&apos; scores every feature 0 at z = {z}, so the weights are undefined; add a small constant, e.g. {formula} + 0.001</source>
        <translation>“{formula}”在 z = {z} 处给每个特征的得分都是 0，权重因此无定义；请加一个小常数，例如 {formula} + 0.001</translation>
    </message>
    <message>
        <source>z = {z}</source>
        <translation>z = {z}</translation>
    </message>
    <message>
        <source>z = {z} for feature i = {i} of n = {n}</source>
        <translation>z = {z}（n = {n} 个特征中的第 i = {i} 个）</translation>
    </message>
    <message>
        <source>attribute access</source>
        <translation>属性访问</translation>
    </message>
    <message>
        <source>indexing</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>a lambda</source>
        <translation>lambda 表达式</translation>
    </message>
    <message>
        <source>a comprehension</source>
        <translation>推导式</translation>
    </message>
    <message>
        <source>a generator expression</source>
        <translation>生成器表达式</translation>
    </message>
    <message>
        <source>a comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>an if/else expression</source>
        <translation>if/else 表达式</translation>
    </message>
    <message>
        <source>assignment (:=)</source>
        <translation>赋值（:=）</translation>
    </message>
    <message>
        <source>an f-string</source>
        <translation>f-string</translation>
    </message>
    <message>
        <source>a dict</source>
        <translation>字典</translation>
    </message>
    <message>
        <source>a set</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a tuple</source>
        <translation>元组</translation>
    </message>
    <message>
        <source>a starred argument</source>
        <translation>星号参数</translation>
    </message>
    <message>
        <source>use only numbers, z, i, n, pi, e, + - * / ** and functions such as exp(z)</source>
        <translation>只能使用数字、z、i、n、pi、e、+ - * / ** 以及 exp(z) 之类的函数</translation>
    </message>
    <message>
        <source>a {kind} expression</source>
        <translation>{kind} 表达式</translation>
    </message>
    <message>
        <source>{what} ({code}) is not allowed; {hint}</source>
        <translation>不允许使用{what}（{code}）；{hint}</translation>
    </message>
    <message>
        <source>the operator &apos;{operator}&apos; is not allowed; allowed operators are + - * / **</source>
        <translation>不允许使用运算符“{operator}”；可用的运算符为 + - * / **</translation>
    </message>
    <message>
        <source>&apos;^&apos; ({code}) is not a power here: use ** for powers, e.g. z**2</source>
        <translation>“^”（{code}）在这里不表示乘方：乘方请用 **，例如 z**2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>a complex number</source>
        <translation>复数</translation>
    </message>
    <message>
        <source>the constant {value!r}</source>
        <translation>常量 {value!r}</translation>
    </message>
    <message>
        <source>the number {code} is too large; numbers must be below about 1e308</source>
        <translation>数字 {code} 太大；数字必须小于约 1e308</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a function: call it with parentheses, e.g. {name}(z)</source>
        <translation>“{name}”是函数：请用括号调用，例如 {name}(z)</translation>
    </message>
    <message>
        <source>unknown name &apos;{name}&apos;: use z, i, n, pi or e</source>
        <translation>未知名称“{name}”：请使用 z、i、n、pi 或 e</translation>
    </message>
    <message>
        <source>only functions called by name can be used ({code} is not allowed), e.g. exp(z)</source>
        <translation>只能按名称调用函数（不允许 {code}），例如 exp(z)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a function, so {code} is not allowed; use * to multiply, e.g. {name}*(z + 1)</source>
        <translation>“{name}”不是函数，因此不允许 {code}；乘法请用 *，例如 {name}*(z + 1)</translation>
    </message>
    <message>
        <source>function &apos;{name}&apos; is not allowed; allowed: {allowed}</source>
        <translation>不允许使用函数“{name}”；可用的函数：{allowed}</translation>
    </message>
    <message>
        <source>keyword arguments ({code}) are not allowed; pass plain arguments, e.g. {example}</source>
        <translation>不允许使用关键字参数（{code}）；请直接传入参数，例如 {example}</translation>
    </message>
    <message>
        <source>argument</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>{name} takes {count} {arguments} (got {got}); write it like {example}</source>
        <translation>{name} 需要 {count} 个{arguments}（实际为 {got} 个）；请写成 {example} 这样</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>第 {column} 列</translation>
    </message>
    <message>
        <source>an unknown position</source>
        <translation>未知位置</translation>
    </message>
    <message>
        <source>syntax error at {where}: {reason}</source>
        <translation>{where}处有语法错误：{reason}</translation>
    </message>
    <message>
        <source>the formula is too complex to read ({error})</source>
        <translation>公式太复杂，无法读取（{error}）</translation>
    </message>
    <message>
        <source>the formula cannot be read: {reason}</source>
        <translation>无法读取公式：{reason}</translation>
    </message>
    <message>
        <source>the formula must be text, not {type}</source>
        <translation>公式必须是文本，而不是 {type}</translation>
    </message>
    <message>
        <source>the formula is too long ({length} characters; at most {limit})</source>
        <translation>公式太长（{length} 个字符；最多 {limit} 个）</translation>
    </message>
    <message>
        <source>the formula is nested too deeply (more than {limit} levels); simplify it</source>
        <translation>公式嵌套太深（超过 {limit} 层）；请简化</translation>
    </message>
    <message>
        <source>the formula is too complex ({count} parts; at most {limit}); simplify it</source>
        <translation>公式太复杂（{count} 个部分；最多 {limit} 个）；请简化</translation>
    </message>
    <message>
        <source>the derivative of this formula is too large ({count} parts; at most {limit}); simplify the formula</source>
        <translation>该公式的导数太大（{count} 个部分；最多 {limit} 个）；请简化公式</translation>
    </message>
    <message>
        <source>the formula is too complex ({error})</source>
        <translation>公式太复杂（{error}）</translation>
    </message>
    <message>
        <source>attention ranks &apos;{top}&apos; first, but shuffling &apos;{top}&apos; barely changes the loss ({rise:+.4f}; shuffling &apos;{hurts}&apos; raises it most, {most:+.4f})</source>
        <translation>注意力把“{top}”排在第一，但打乱“{top}”几乎不改变损失（{rise:+.4f}；打乱“{hurts}”使损失上升最多，{most:+.4f}）</translation>
    </message>
    <message>
        <source>attention ranks &apos;{top}&apos; first, but shuffling &apos;{hurts}&apos; raises the loss most ({most:+.4f}, against {rise:+.4f} for &apos;{top}&apos;)</source>
        <translation>注意力把“{top}”排在第一，但打乱“{hurts}”使损失上升最多（{most:+.4f}，而“{top}”为 {rise:+.4f}）</translation>
    </message>
    <message>
        <source>{columns} carry the same information: together {attention:.2f}; how it is split among them changes from run to run</source>
        <translation>{columns} 携带相同的信息：合计 {attention:.2f}；它在这些列之间如何分配，每次运行都不同</translation>
    </message>
    <message>
        <source>{columns} carry the same information: together {attention:.2f}; how it is split among them may change with the seed</source>
        <translation>{columns} 携带相同的信息：合计 {attention:.2f}；它在这些列之间如何分配，可能随种子而变</translation>
    </message>
    <message>
        <source>unnamed first column (an index written by R or pandas)</source>
        <translation>未命名的首列（R 或 pandas 写入的索引）</translation>
    </message>
    <message>
        <source>columns without a name in the header were called {names}</source>
        <translation>表头中没有名称的列已命名为 {names}</translation>
    </message>
    <message>
        <source>{rows} empty rows were skipped</source>
        <translation>已跳过 {rows} 个空行</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: {count} non-numeric values ({values}) were treated as missing</source>
        <translation>列“{column}”：{count} 个非数值（{values}）已按缺失值处理</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: {count} values that are not dates ({values}) were treated as missing</source>
        <translation>列“{column}”：{count} 个不是日期的值（{values}）按缺失处理</translation>
    </message>
    <message>
        <source>dates whose day/month order the column never shows (no number above 12, e.g. {example}); written as YYYY-MM-DD they would be used</source>
        <translation>该列的日期无法判断日/月顺序（没有大于 12 的数字，例如 {example}）；写成 YYYY-MM-DD 即可使用</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: {count} infinite values (inf, or numbers beyond ±1.8e308) were treated as missing</source>
        <translation>列“{column}”：{count} 个无穷值（inf，或超出 ±1.8e308 的数）已按缺失值处理</translation>
    </message>
    <message>
        <source>constant (every value is {value})</source>
        <translation>常量（每个值都是 {value}）</translation>
    </message>
    <message>
        <source>every value is {value}</source>
        <translation>每个值都是 {value}</translation>
    </message>
    <message>
        <source>consecutive whole numbers {span}, one per row (looks like a row ID)</source>
        <translation>连续整数 {span}，每行一个（看起来是行 ID）</translation>
    </message>
    <message>
        <source>mean {mean}, range {span}</source>
        <translation>均值 {mean}，范围 {span}</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>{first} to {last}; used as year, month, day of week, days since the first date and hour of the day</source>
        <translation>{first} 至 {last}；用作年、月、星期几、距首个日期的天数和一天中的小时</translation>
    </message>
    <message>
        <source>{first} to {last}; used as year, month, day of week and days since the first date</source>
        <translation>{first} 至 {last}；用作年、月、星期几和距首个日期的天数</translation>
    </message>
    <message>
        <source>{percent}% {label}</source>
        <translation>{percent}% {label}</translation>
    </message>
    <message>
        <source>{count} levels: {levels}</source>
        <translation>{count} 个取值：{levels}</translation>
    </message>
    <message>
        <source>unique per row (looks like an ID)</source>
        <translation>每行唯一（看起来是 ID）</translation>
    </message>
    <message>
        <source>{count} distinct values, e.g. {levels}</source>
        <translation>{count} 个不同的值，例如 {levels}</translation>
    </message>
    <message>
        <source>free text: {count} distinct values in {rows} rows</source>
        <translation>自由文本：{rows} 行中有 {count} 个不同的值</translation>
    </message>
    <message>
        <source>all values missing</source>
        <translation>所有值均缺失</translation>
    </message>
    <message>
        <source>all missing</source>
        <translation>全部缺失</translation>
    </message>
    <message>
        <source>could not find a table in &apos;{name}&apos;: it looks like an Excel workbook; save it as CSV (File &gt; Save As) and open that</source>
        <translation>在“{name}”中找不到表格：它看起来是 Excel 工作簿；请另存为 CSV（文件 &gt; 另存为）后再打开</translation>
    </message>
    <message>
        <source>could not find a table in &apos;{name}&apos;: it is compressed (gzip); extract the CSV first</source>
        <translation>在“{name}”中找不到表格：它是压缩文件（gzip）；请先解压出 CSV 文件</translation>
    </message>
    <message>
        <source>could not find a table in &apos;{name}&apos;: it looks like a binary file, not CSV/TSV text</source>
        <translation>在“{name}”中找不到表格：它看起来是二进制文件，而不是 CSV/TSV 文本</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252（西欧）</translation>
    </message>
    <message>
        <source>decoded as {encoding}: the file is not valid UTF-8; if accented letters look wrong, re-save it as UTF-8</source>
        <translation>已按 {encoding} 解码：文件不是有效的 UTF-8；如果带重音的字母显示不对，请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>currency {symbols}</source>
        <translation>货币符号 {symbols}</translation>
    </message>
    <message>
        <source>percentages (divided by 100)</source>
        <translation>百分比（除以 100）</translation>
    </message>
    <message>
        <source>parentheses read as minus</source>
        <translation>括号视为负号</translation>
    </message>
    <message>
        <source>thousands separators (decimal mark &apos;{mark}&apos;)</source>
        <translation>千位分隔符（小数点为“{mark}”）</translation>
    </message>
    <message>
        <source>{first}, {then}</source>
        <translation>{first}，{then}</translation>
    </message>
    <message>
        <source>{summary}; read from formatted numbers: {stripped}</source>
        <translation>{summary}；由带格式的数字读取：{stripped}</translation>
    </message>
    <message>
        <source>could not decode &apos;{name}&apos; as text</source>
        <translation>无法将“{name}”解码为文本</translation>
    </message>
    <message>
        <source>some bytes are not valid {encoding} and were replaced by &apos;�&apos;; re-save the file as UTF-8 to keep those characters</source>
        <translation>部分字节不是有效的 {encoding}，已替换为“�”；请将文件另存为 UTF-8 以保留这些字符</translation>
    </message>
    <message>
        <source>could not read &apos;{name}&apos; as a table: {skipped} of {total} rows have more fields than the header; check the delimiter and that there is one header line</source>
        <translation>无法将“{name}”读取为表格：{total} 行中有 {skipped} 行的字段数多于表头；请检查分隔符，并确认只有一行表头</translation>
    </message>
    <message>
        <source>{skipped} rows had more fields than the header and were skipped (the first on line {line})</source>
        <translation>{skipped} 行的字段数多于表头，已跳过（第一处在第 {line} 行）</translation>
    </message>
    <message>
        <source>the file &apos;{name}&apos; is too large to load into memory</source>
        <translation>文件“{name}”太大，无法载入内存</translation>
    </message>
    <message>
        <source>the file &apos;{name}&apos; is empty</source>
        <translation>文件“{name}”是空的</translation>
    </message>
    <message>
        <source>could not read &apos;{name}&apos;: {reason}</source>
        <translation>无法读取“{name}”：{reason}</translation>
    </message>
    <message>
        <source>could not read &apos;{name}&apos; as a table: a quote (&quot;) opened in data row {row} is never closed</source>
        <translation>无法将“{name}”读取为表格：第 {row} 个数据行中的引号（&quot;）没有闭合</translation>
    </message>
    <message>
        <source>could not read &apos;{name}&apos; as a table: {detail}</source>
        <translation>无法将“{name}”读取为表格：{detail}</translation>
    </message>
    <message>
        <source>a web page (HTML/XML)</source>
        <translation>网页（HTML/XML）</translation>
    </message>
    <message>
        <source>the file mixes encodings: lines that are not valid UTF-8 were decoded as Windows-1252; if accented letters look wrong, re-save the file as UTF-8</source>
        <translation>文件混用了多种编码：不是有效 UTF-8 的行已按 Windows-1252 解码；如果带重音的字母显示不对，请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>the file &apos;{name}&apos; has no values, only delimiters</source>
        <translation>文件“{name}”只有分隔符，没有任何值</translation>
    </message>
    <message>
        <source>could not find a table in &apos;{name}&apos;: it looks like {what}, not CSV/TSV text</source>
        <translation>在“{name}”中找不到表格：它看起来是{what}，而不是 CSV/TSV 文本</translation>
    </message>
    <message>
        <source>the first line looks like data, not column names, so the columns are named column_1, column_2, …</source>
        <translation>第一行看起来是数据而不是列名，因此各列命名为 column_1、column_2、…</translation>
    </message>
    <message>
        <source>{rows} of the first {sampled}</source>
        <translation>前 {sampled} 行中的 {rows}</translation>
    </message>
    <message>
        <source>{rows} rows have fewer fields than the header; their last columns were read as missing</source>
        <translation>{rows} 行的字段数少于表头；这些行末尾的列按缺失值读取</translation>
    </message>
    <message>
        <source>duplicate column names were made unique: {renamed}</source>
        <translation>重复的列名已改为唯一：{renamed}</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder, not a file</source>
        <translation>“{path}”是文件夹，不是文件</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a CSV/TSV file, which has no sheets; a sheet is chosen only in a workbook (.xlsx, .xlsm, .xls, .ods)</source>
        <translation>“{name}”是 CSV/TSV 文件，没有工作表；只有工作簿（.xlsx、.xlsm、.xls、.ods）才能选择工作表</translation>
    </message>
    <message>
        <source>no such file: &apos;{path}&apos;</source>
        <translation>找不到文件：“{path}”</translation>
    </message>
    <message>
        <source>permission denied: cannot read &apos;{path}&apos;</source>
        <translation>权限不足：无法读取“{path}”</translation>
    </message>
    <message>
        <source>could not read &apos;{path}&apos;: {reason}</source>
        <translation>无法读取“{path}”：{reason}</translation>
    </message>
    <message>
        <source>the columns&apos; names must differ; {names} occur more than once</source>
        <translation>各列的名称必须不同；{names} 出现了不止一次</translation>
    </message>
    <message>
        <source>the workbook &apos;{name}&apos; has no sheet with data (only empty sheets, charts or macros)</source>
        <translation>工作簿“{name}”中没有含数据的工作表（只有空工作表、图表或宏）</translation>
    </message>
    <message>
        <source>the sheet &apos;{sheet}&apos; of &apos;{name}&apos; has a header but no data rows</source>
        <translation>“{name}”的工作表“{sheet}”只有表头，没有数据行</translation>
    </message>
    <message>
        <source>the workbook &apos;{name}&apos; has no sheet &apos;{sheet}&apos;; its sheets are: {sheets}</source>
        <translation>工作簿“{name}”中没有工作表“{sheet}”；现有的工作表：{sheets}</translation>
    </message>
    <message>
        <source>the sheet &apos;{sheet}&apos; of &apos;{name}&apos; holds no data; the sheets with data are: {sheets}</source>
        <translation>“{name}”的工作表“{sheet}”没有数据；含数据的工作表：{sheets}</translation>
    </message>
    <message>
        <source>the sheet holds no cells</source>
        <translation>该工作表没有任何单元格</translation>
    </message>
    <message>
        <source>the title line &apos;{title}&apos; above the table was skipped</source>
        <translation>已跳过表格上方的标题行“{title}”</translation>
    </message>
    <message>
        <source>the header has two rows (a merged group over its columns); their names were joined</source>
        <translation>表头有两行（合并的分组位于各列之上）；已将两行的名称合并</translation>
    </message>
    <message>
        <source>the first row looks like data, not column names, so the columns are named column_1, column_2, …</source>
        <translation>第一行看起来是数据而不是列名，因此各列命名为 column_1、column_2、…</translation>
    </message>
    <message>
        <source>the workbook &apos;{name}&apos; is protected by a password; save a copy without the password (or as CSV) and open that</source>
        <translation>工作簿“{name}”受密码保护；请另存一份不带密码的副本（或另存为 CSV）后再打开</translation>
    </message>
    <message>
        <source>could not read &apos;{name}&apos; as a workbook: it is damaged, or not a workbook despite its name</source>
        <translation>无法将“{name}”作为工作簿读取：文件已损坏，或者虽然扩展名如此，实际上并不是工作簿</translation>
    </message>
    <message>
        <source>the file &apos;{name}&apos; is {size}; reading it needs about {needed} of memory, but only {available} is available: open an export with fewer rows or columns, or close other programs</source>
        <translation>文件“{name}”大小为 {size}；读取它约需 {needed} 内存，但只有 {available} 可用：请打开行或列更少的导出文件，或关闭其他程序</translation>
    </message>
    <message>
        <source>a memory size must be a number with a unit such as 512MB, 1GB or 2GiB, not &apos;{text}&apos;</source>
        <translation>内存大小必须是带单位的数字，例如 512MB、1GB 或 2GiB，而不是“{text}”</translation>
    </message>
    <message>
        <source>{setting} must be a whole number, not {value!r}</source>
        <translation>{setting}必须是整数，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{setting} must be a number, not {value!r}</source>
        <translation>{setting}必须是数字，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{setting} must be text, not {value!r}</source>
        <translation>{setting}必须是文本，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{setting} must be a list of whole numbers, e.g. [64, 32]</source>
        <translation>{setting}必须是整数列表，例如 [64, 32]</translation>
    </message>
    <message>
        <source>{setting} must be a list of column names</source>
        <translation>{setting}必须是列名列表</translation>
    </message>
    <message>
        <source>{setting} must be one of {allowed}, not &apos;{value}&apos;</source>
        <translation>{setting}必须是 {allowed} 之一，而不是“{value}”</translation>
    </message>
    <message>
        <source>{setting} must be whole numbers ≥ 1, not {value}</source>
        <translation>{setting}必须是 ≥ 1 的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{setting} must be whole numbers ≥ 1 separated by commas, e.g. 64,32, not &apos;{text}&apos;</source>
        <translation>{setting}必须是用逗号分隔的 ≥ 1 的整数，例如 64,32，而不是“{text}”</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>{setting} must be {number} between {low} and {high}, not {value}</source>
        <translation>{setting}必须是介于 {low} 和 {high} 之间的{number}，而不是 {value}</translation>
    </message>
    <message>
        <source>{setting} must be {number} from {low} to {high}, not {value}</source>
        <translation>{setting}必须是 {low} 到 {high} 之间的{number}，而不是 {value}</translation>
    </message>
    <message>
        <source>repeats and cross-validation need the rows in memory; a streamed file trains one run</source>
        <translation>重复训练和交叉验证需要所有行都在内存中；流式读取的文件只训练一次</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; ({size}) is streamed, read in parts: the preview shows its first {rows} rows, and every row is counted when a run reads the file</source>
        <translation>“{name}”（{size}）以流式方式分块读取：预览显示前 {rows} 行，训练读取文件时会统计每一行</translation>
    </message>
    <message>
        <source>the workbook &apos;{name}&apos; cannot be streamed: a workbook is read whole; save its sheet as CSV to train on it in parts</source>
        <translation>工作簿“{name}”无法流式读取：工作簿只能整体读取；请将其工作表另存为 CSV，以便分块训练</translation>
    </message>
    <message>
        <source>Statistics are fitted on the training rows only, then applied unchanged to the validation rows.</source>
        <translation>统计量只在训练行上拟合，然后原样应用到验证行。</translation>
    </message>
    <message>
        <source>Permutation importance</source>
        <translation>置换重要性</translation>
    </message>
    <message>
        <source>Attention Trainer report</source>
        <translation>Attention Trainer 报告</translation>
    </message>
    <message>
        <source>numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>rows in</source>
        <translation>输入行数</translation>
    </message>
    <message>
        <source>rows dropped missing</source>
        <translation>因缺失值删除的行</translation>
    </message>
    <message>
        <source>rows dropped outliers</source>
        <translation>因异常值删除的行</translation>
    </message>
    <message>
        <source>values imputed</source>
        <translation>填补的值</translation>
    </message>
    <message>
        <source>values clipped</source>
        <translation>截断的值</translation>
    </message>
    <message>
        <source>unseen levels</source>
        <translation>未见过的类别值</translation>
    </message>
    <message>
        <source>rows without usable target</source>
        <translation>没有可用目标值的行</translation>
    </message>
    <message>
        <source>Curves of the first run.</source>
        <translation>曲线来自第一次运行。</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>被用户停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>of the positive class</source>
        <translation>正类</translation>
    </message>
    <message>
        <source>one class against the rest</source>
        <translation>每个类别对其余类别</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>不同值</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>ROC curve</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <source>false-positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>true-positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>Precision–recall</source>
        <translation>精确率–召回率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>mean predicted probability</source>
        <translation>平均预测概率</translation>
    </message>
    <message>
        <source>observed frequency</source>
        <translation>实际频率</translation>
    </message>
    <message>
        <source>average precision</source>
        <translation>平均精确率</translation>
    </message>
    <message>
        <source>Brier score</source>
        <translation>Brier 分数</translation>
    </message>
    <message>
        <source>Predicted against actual</source>
        <translation>预测值与实际值</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>actual − predicted</source>
        <translation>实际值 − 预测值</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Rise in validation loss when shuffled</source>
        <translation>打乱后验证损失的上升</translation>
    </message>
    <message>
        <source>rise in loss</source>
        <translation>损失上升</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>生成于</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Decimal mark</source>
        <translation>小数点</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>Training rows</source>
        <translation>训练行</translation>
    </message>
    <message>
        <source>Validation rows</source>
        <translation>验证行</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止原因</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Confusion matrix (validation rows)</source>
        <translation>混淆矩阵（验证行）</translation>
    </message>
    <message>
        <source>A sample of {shown} of the {rows} validation rows.</source>
        <translation>从 {rows} 个验证行中抽取的 {shown} 行样本。</translation>
    </message>
    <message>
        <source>Predictions (validation rows)</source>
        <translation>预测（验证行）</translation>
    </message>
    <message>
        <source>(mean over the runs ± sd)</source>
        <translation>（各次运行的均值 ± 标准差）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Rows without a target value (left out)</source>
        <translation>没有目标值的行（已略去）</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Means over the runs ± their standard deviation.</source>
        <translation>各次运行的均值 ± 其标准差。</translation>
    </message>
    <message>
        <source>Cost of a false positive (a false negative costs 1)</source>
        <translation>假阳性的代价（假阴性的代价为 1）</translation>
    </message>
    <message>
        <source>Cost per validation row</source>
        <translation>每个验证行的代价</translation>
    </message>
    <message>
        <source>Threshold of least cost</source>
        <translation>代价最小的阈值</translation>
    </message>
    <message>
        <source>Cost per row there</source>
        <translation>该阈值下每行的代价</translation>
    </message>
    <message>
        <source>Compared with attention off</source>
        <translation>与关闭注意力相比</translation>
    </message>
    <message>
        <source>paired runs</source>
        <translation>次配对运行</translation>
    </message>
    <message>
        <source>ROC, precision–recall and calibration (validation rows)</source>
        <translation>ROC、精确率–召回率与校准（验证行）</translation>
    </message>
    <message>
        <source>Stability across runs: Pearson r</source>
        <translation>跨运行的稳定性：Pearson r</translation>
    </message>
    <message>
        <source>Stability across runs: total variation</source>
        <translation>跨运行的稳定性：总变差</translation>
    </message>
    <message>
        <source>Attention vs importance: Pearson</source>
        <translation>注意力与重要性：Pearson</translation>
    </message>
    <message>
        <source>Attention vs importance: Spearman</source>
        <translation>注意力与重要性：Spearman</translation>
    </message>
    <message>
        <source>Attention vs importance: top-3 overlap</source>
        <translation>注意力与重要性：前 3 名重合</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>命令行参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>The command line that repeats the run:</source>
        <translation>重现此次运行的命令行：</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>per epoch</source>
        <translation>随轮次变化</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>weighted F1</source>
        <translation>加权 F1</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>{setting} must be {number} &gt; {low}, not {value}</source>
        <translation>{setting}必须是 &gt; {low} 的{number}，而不是 {value}</translation>
    </message>
    <message>
        <source>{setting} must be {number} ≥ {low}, not {value}</source>
        <translation>{setting}必须是 ≥ {low} 的{number}，而不是 {value}</translation>
    </message>
    <message>
        <source>the file lacks the column(s) {columns} that the model was trained on</source>
        <translation>文件缺少模型训练时使用的列 {columns}</translation>
    </message>
    <message>
        <source>--cv {folds} needs at least {folds} rows of every class; the class &apos;{label}&apos; of &apos;{target}&apos; has {rows}</source>
        <translation>--cv {folds} 要求每个类别至少有 {folds} 行；“{target}”的类别“{label}”只有 {rows} 行</translation>
    </message>
    <message>
        <source>--cv {folds} needs at least {folds} rows with a target value; &apos;{target}&apos; has {rows}</source>
        <translation>--cv {folds} 要求至少有 {folds} 行带目标值；“{target}”只有 {rows} 行</translation>
    </message>
    <message>
        <source>--cv validates each fold on its own rows; leave out --valid-data or --cv</source>
        <translation>--cv 在每一折自己的行上验证；请去掉 --valid-data 或 --cv</translation>
    </message>
    <message>
        <source>cannot write the report &apos;{path}&apos;: {reason}</source>
        <translation>无法写入报告“{path}”：{reason}</translation>
    </message>
    <message>
        <source>cannot read the sweep file &apos;{path}&apos;: {reason}</source>
        <translation>无法读取扫描文件“{path}”：{reason}</translation>
    </message>
    <message>
        <source>the sweep file &apos;{path}&apos; is not UTF-8 text</source>
        <translation>扫描文件“{path}”不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>the sweep file &apos;{path}&apos; is not valid JSON (line {line}: {reason})</source>
        <translation>扫描文件“{path}”不是有效的 JSON（第 {line} 行：{reason}）</translation>
    </message>
    <message>
        <source>a sweep must be a JSON object with &quot;grid&quot; and/or &quot;random&quot;</source>
        <translation>扫描必须是含有 &quot;grid&quot; 和/或 &quot;random&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <source>the sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>the sweep changes no setting; give &quot;grid&quot; or &quot;random&quot; settings</source>
        <translation>扫描没有改变任何设置；请给出 &quot;grid&quot; 或 &quot;random&quot; 中的设置</translation>
    </message>
    <message>
        <source>the sweep has {runs} runs; at most {most} are allowed</source>
        <translation>扫描有 {runs} 次运行；最多允许 {most} 次</translation>
    </message>
    <message>
        <source>unknown key &apos;{key}&apos; in {where}; known: {known}</source>
        <translation>{where}中有未知的键“{key}”；已知的键：{known}</translation>
    </message>
    <message>
        <source>unknown setting &apos;{name}&apos; in {where}; did you mean &apos;{close}&apos;?</source>
        <translation>{where}中有未知的设置“{name}”；您是指“{close}”吗？</translation>
    </message>
    <message>
        <source>unknown setting &apos;{name}&apos; in {where}; known: {known}</source>
        <translation>{where}中有未知的设置“{name}”；已知的设置：{known}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be swept: every run of a sweep has the same target, task and positive class</source>
        <translation>“{name}”不能扫描：扫描的每次运行都使用相同的目标、任务和正类</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <source>the grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>the grid&apos;s &apos;{name}&apos; must be a non-empty list of values, not {value}</source>
        <translation>网格中的“{name}”必须是非空的取值列表，而不是 {value}</translation>
    </message>
    <message>
        <source>grid &apos;{name}&apos;</source>
        <translation>网格“{name}”</translation>
    </message>
    <message>
        <source>the sweep&apos;s &quot;random&quot; must be an object with &quot;samples&quot;, &quot;seed&quot; and &quot;options&quot;</source>
        <translation>扫描的 &quot;random&quot; 必须是含有 &quot;samples&quot;、&quot;seed&quot; 和 &quot;options&quot; 的对象</translation>
    </message>
    <message>
        <source>&quot;random&quot;</source>
        <translation>&quot;random&quot;</translation>
    </message>
    <message>
        <source>&quot;random&quot; needs &apos;{key}&apos;, a whole number ≥ {low}, not {value}</source>
        <translation>&quot;random&quot; 需要“{key}”为 ≥ {low} 的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is both in the grid and drawn at random; give it once</source>
        <translation>“{name}”既在网格中又被随机抽样；请只给出一次</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; in &quot;random&quot; must be one of {{&quot;uniform&quot;: [low, high]}}, {{&quot;log_uniform&quot;: [low, high]}} or {{&quot;choice&quot;: [values]}}, not {value}</source>
        <translation>&quot;random&quot; 中的“{name}”必须是 {{&quot;uniform&quot;: [low, high]}}、{{&quot;log_uniform&quot;: [low, high]}} 或 {{&quot;choice&quot;: [values]}} 之一，而不是 {value}</translation>
    </message>
    <message>
        <source>random &apos;{name}&apos;</source>
        <translation>随机“{name}”</translation>
    </message>
    <message>
        <source>the choice of &apos;{name}&apos; must be a non-empty list of values</source>
        <translation>“{name}”的 choice 必须是非空的取值列表</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a number: draw it with {{&quot;choice&quot;: [values]}}</source>
        <translation>“{name}”不是数值：请用 {{&quot;choice&quot;: [values]}} 抽取</translation>
    </message>
    <message>
        <source>{kind} of &apos;{name}&apos; needs [low, high], not {value}</source>
        <translation>“{name}”的 {kind} 需要 [low, high]，而不是 {value}</translation>
    </message>
    <message>
        <source>{kind} of &apos;{name}&apos; needs low &lt; high, not [{low}, {high}]</source>
        <translation>“{name}”的 {kind} 需要 low &lt; high，而不是 [{low}, {high}]</translation>
    </message>
    <message>
        <source>log_uniform of &apos;{name}&apos; needs low &gt; 0, not {low}</source>
        <translation>“{name}”的 log_uniform 需要 low &gt; 0，而不是 {low}</translation>
    </message>
    <message>
        <source>run {index} of the sweep ({settings}): {reason}</source>
        <translation>扫描的第 {index} 次运行（{settings}）：{reason}</translation>
    </message>
    <message>
        <source>a logarithmic range needs numbers &gt; 0, not {low} to {high}</source>
        <translation>对数范围需要 &gt; 0 的数，而不是 {low} 到 {high}</translation>
    </message>
    <message>
        <source>{setting}: &apos;{token}&apos; is not a number</source>
        <translation>{setting}：“{token}”不是数值</translation>
    </message>
    <message>
        <source>the decision threshold</source>
        <translation>决策阈值</translation>
    </message>
    <message>
        <source>the cost of a false positive</source>
        <translation>假阳性的代价</translation>
    </message>
    <message>
        <source>{setting} applies to a target with two classes; &apos;{target}&apos; is predicted as a number (regression)</source>
        <translation>{setting}只适用于有两个类别的目标；“{target}”是作为数值预测的（回归）</translation>
    </message>
    <message>
        <source>{setting} applies to a target with two classes; &apos;{target}&apos; has {classes} classes</source>
        <translation>{setting}只适用于有两个类别的目标；“{target}”有 {classes} 个类别</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Positive class</source>
        <translation>正类</translation>
    </message>
    <message>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>异常值</translation>
    </message>
    <message>
        <source>Fences</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Fence multiplier k</source>
        <translation>边界倍数 k</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Base b</source>
        <translation>底数 b</translation>
    </message>
    <message>
        <source>Linear score</source>
        <translation>线性分数</translation>
    </message>
    <message>
        <source>Positional decay ρ</source>
        <translation>位置衰减 ρ</translation>
    </message>
    <message>
        <source>Formula s(z, i, n)</source>
        <translation>公式 s(z, i, n)</translation>
    </message>
    <message>
        <source>Entropy penalty λ</source>
        <translation>熵惩罚 λ</translation>
    </message>
    <message>
        <source>Attention learning-rate factor</source>
        <translation>注意力学习率倍数</translation>
    </message>
    <message>
        <source>Per-row scorer units</source>
        <translation>逐行评分器单元数</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <source>Rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Early-stopping patience</source>
        <translation>早停耐心值</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Decision threshold</source>
        <translation>决策阈值</translation>
    </message>
    <message>
        <source>Cost of a false positive</source>
        <translation>假阳性的代价</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Cross-validation folds</source>
        <translation>交叉验证折数</translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation>L2 惩罚</translation>
    </message>
    <message>
        <source>the outlier threshold must be a number &gt; 0, not {threshold}</source>
        <translation>异常值阈值必须是 &gt; 0 的数，而不是 {threshold}</translation>
    </message>
    <message>
        <source>cannot write the model file &apos;{path}&apos;: {reason}</source>
        <translation>无法写入模型文件“{path}”：{reason}</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>the project &apos;{path}&apos; holds no trained model yet; train a run and save the project first</source>
        <translation>项目“{path}”还没有训练好的模型；请先训练一次并保存项目</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not an Attention Trainer model file, or it is damaged</source>
        <translation>“{path}”不是 Attention Trainer 模型文件，或者文件已损坏</translation>
    </message>
    <message>
        <source>no such {kind} file: &apos;{path}&apos;</source>
        <translation>找不到{kind}文件：“{path}”</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder, not a {kind} file</source>
        <translation>“{path}”是文件夹，不是{kind}文件</translation>
    </message>
    <message>
        <source>no permission to read the {kind} file &apos;{path}&apos;</source>
        <translation>没有权限读取{kind}文件“{path}”</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not an Attention Trainer {kind} file, or it is damaged</source>
        <translation>“{path}”不是 Attention Trainer {kind}文件，或者文件已损坏</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not an Attention Trainer model file</source>
        <translation>“{path}”不是 Attention Trainer 模型文件</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; was written by a newer Attention Trainer (format {version}); update the app to open it</source>
        <translation>“{path}”由较新版本的 Attention Trainer 写入（格式 {version}）；请更新应用后再打开</translation>
    </message>
    <message>
        <source>the model file &apos;{path}&apos; is damaged: {detail}</source>
        <translation>模型文件“{path}”已损坏：{detail}</translation>
    </message>
    <message>
        <source>the model file &apos;{path}&apos; is damaged (its contents do not match the format)</source>
        <translation>模型文件“{path}”已损坏（内容与格式不符）</translation>
    </message>
    <message>
        <source>cannot write the project file &apos;{path}&apos;: {reason}</source>
        <translation>无法写入项目文件“{path}”：{reason}</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is not an Attention Trainer project file</source>
        <translation>“{path}”不是 Attention Trainer 项目文件</translation>
    </message>
    <message>
        <source>the project file &apos;{path}&apos; is damaged</source>
        <translation>项目文件“{path}”已损坏</translation>
    </message>
    <message>
        <source>the project file &apos;{path}&apos; is damaged (its contents do not match the format)</source>
        <translation>项目文件“{path}”已损坏（内容与格式不符）</translation>
    </message>
    <message>
        <source>{where} must be {expected}, not {value}</source>
        <translation>{where} 必须是{expected}，而不是 {value}</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation> {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>text of at most {length} characters</source>
        <translation>最多 {length} 个字符的文本</translation>
    </message>
    <message>
        <source>a list of at most {length} items</source>
        <translation>最多 {length} 项的列表</translation>
    </message>
    <message>
        <source>an object of at most {length} entries</source>
        <translation>最多 {length} 个条目的对象</translation>
    </message>
    <message>
        <source>{where} has unknown entries: {entries}</source>
        <translation>{where} 含有未知条目：{entries}</translation>
    </message>
    <message>
        <source>{where} lack {entries}</source>
        <translation>{where} 缺少 {entries}</translation>
    </message>
    <message>
        <source>{where}: {requirement}</source>
        <translation>{where}：{requirement}</translation>
    </message>
    <message>
        <source>the sweep&apos;s &quot;grid&quot; must be an object of settings and their values, e.g. {example}</source>
        <translation>扫描的 &quot;grid&quot; 必须是由设置及其取值组成的对象，例如 {example}</translation>
    </message>
    <message>
        <source>&quot;random&quot; needs &apos;options&apos;: an object of settings and what to draw, e.g. {example}</source>
        <translation>&quot;random&quot; 需要“options”：由设置及其抽样方式组成的对象，例如 {example}</translation>
    </message>
    <message>
        <source>the run diverged at epoch {epoch}; try a smaller learning rate (the best weights so far are kept)</source>
        <translation>运行在第 {epoch} 轮发散；请尝试更小的学习率（已保留目前最好的权重）</translation>
    </message>
    <message>
        <source>the formula &apos;{formula}&apos; gave a negative or non-finite score; use a score that is positive for every logit, e.g. exp(z) or softplus(z)</source>
        <translation>公式“{formula}”得出了负的或非有限的分数；请使用对每个 logit 都为正的分数，例如 exp(z) 或 softplus(z)</translation>
    </message>
    <message>
        <source>unknown weighting &apos;{kind}&apos;; choose one of {kinds}</source>
        <translation>未知的加权方式“{kind}”；请从 {kinds} 中选择</translation>
    </message>
    <message>
        <source>the temperature must be a positive number, not {temperature}</source>
        <translation>温度必须是正数，而不是 {temperature}</translation>
    </message>
    <message>
        <source>the base must be a number greater than 1, not {base}</source>
        <translation>底数必须是大于 1 的数，而不是 {base}</translation>
    </message>
    <message>
        <source>the linear score must be softplus or relu, not &apos;{score}&apos;</source>
        <translation>线性分数必须是 softplus 或 relu，而不是“{score}”</translation>
    </message>
    <message>
        <source>the positional decay must be in (0, 1], not {decay}</source>
        <translation>位置衰减必须在 (0, 1] 内，而不是 {decay}</translation>
    </message>
    <message>
        <source>formula refused: {reason}</source>
        <translation>公式被拒绝：{reason}</translation>
    </message>
    <message>
        <source>the contents</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation> {choices} 之一</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation> true 或 false</translation>
    </message>
    <message>
        <source>a positive finite number</source>
        <translation>正的有限数</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限数</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>groups must name one input column, below n_features, per feature</source>
        <translation>groups 必须为每个特征指定一个小于 n_features 的输入列</translation>
    </message>
    <message>
        <source>a regression network has exactly one output</source>
        <translation>回归网络必须恰好有一个输出</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>per row</source>
        <translation>逐行</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>The app keeps running and your data is unchanged; you may want to save your work. Details are in the log file:
{path}</source>
        <translation>应用仍在运行，您的数据没有改变；建议保存您的工作。详细信息见日志文件：
{path}</translation>
    </message>
    <message>
        <source>Errors since then: {count}; see the log.</source>
        <translation>此后又出现了 {count} 个错误；请查看日志。</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>The best epoch: the run keeps its weights.</source>
        <translation>最佳轮次：本次运行保留该轮的权重。</translation>
    </message>
    <message>
        <source>mean ± sd</source>
        <translation>均值 ± 标准差</translation>
    </message>
    <message>
        <source>best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Computed by fitting the chosen preprocessing on the training split, exactly as training will.</source>
        <translation>在训练集上拟合所选的预处理得出，与训练时完全一致。</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>No table loaded yet: open a CSV file or a workbook.</source>
        <translation>尚未载入表格：请打开一个 CSV 文件或工作簿。</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <source> — still showing {name}.</source>
        <translation>——仍显示 {name}。</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <source>point</source>
        <translation>句点</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;, sheet &lt;b&gt;{sheet}&lt;/b&gt; — {rows:,} rows × {columns:,} columns</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;，工作表 &lt;b&gt;{sheet}&lt;/b&gt; — {rows:,} 行 × {columns:,} 列</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {rows:,} rows × {columns:,} columns&lt;br&gt;encoding {encoding} · delimiter: {delimiter} · decimal mark: {decimal}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {rows:,} 行 × {columns:,} 列&lt;br&gt;编码 {encoding} · 分隔符：{delimiter} · 小数点：{decimal}</translation>
    </message>
    <message>
        <source>There must be one target: make another column the target instead.</source>
        <translation>必须有一个目标：请改为把另一列设为目标。</translation>
    </message>
    <message>
        <source>At least one feature is needed.</source>
        <translation>至少需要一个特征。</translation>
    </message>
    <message>
        <source>Target &lt;b&gt;{target}&lt;/b&gt; · {features:,} features · {ignored:,} ignored</source>
        <translation>目标 &lt;b&gt;{target}&lt;/b&gt; · {features:,} 个特征 · {ignored:,} 个忽略</translation>
    </message>
</context>
<context>
    <name>Demos</name>
    <message>
        <source>Credit defaults (synthetic, classification)</source>
        <translation>信贷违约（合成数据，分类）</translation>
    </message>
    <message>
        <source>2,000 made-up loans: only the debt ratio and late payments decide a default, so the attention plot should find those two columns.</source>
        <translation>2,000 笔虚构的贷款：只有负债率和逾期还款决定是否违约，因此注意力图应当找出这两列。</translation>
    </message>
    <message>
        <source>Palmer penguins (species, classification)</source>
        <translation>Palmer 企鹅（物种，分类）</translation>
    </message>
    <message>
        <source>344 penguins of three species measured in Antarctica, with missing values and text columns (island, sex).</source>
        <translation>在南极测量的三个物种共 344 只企鹅，含缺失值和文本列（island、sex）。</translation>
    </message>
    <message>
        <source>Seattle weather (daily high, regression)</source>
        <translation>西雅图天气（日最高气温，回归）</translation>
    </message>
    <message>
        <source>Four years of daily weather in Seattle: predict the day&apos;s highest temperature from its lowest, the rain, the wind and the sky.</source>
        <translation>西雅图四年的每日天气：根据当天的最低气温、降水、风力和天空状况预测当天的最高气温。</translation>
    </message>
    <message>
        <source>&amp;Demos</source>
        <translation>示例(&amp;D)</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>More than two classes: each class against the rest, or every class at once.</source>
        <translation>多于两个类别时：每个类别对其余类别，或一次显示所有类别。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>ROC (validation)</source>
        <translation>ROC（验证集）</translation>
    </message>
    <message>
        <source>false-positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>true-positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>Precision–recall (validation)</source>
        <translation>精确率–召回率（验证集）</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Calibration (validation)</source>
        <translation>校准（验证集）</translation>
    </message>
    <message>
        <source>mean predicted probability</source>
        <translation>平均预测概率</translation>
    </message>
    <message>
        <source>observed frequency</source>
        <translation>实际频率</translation>
    </message>
    <message>
        <source>Predicted against actual (validation)</source>
        <translation>预测值与实际值（验证集）</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Residuals (validation)</source>
        <translation>残差（验证集）</translation>
    </message>
    <message>
        <source>actual − predicted</source>
        <translation>实际值 − 预测值</translation>
    </message>
    <message>
        <source>Train a run to see how its predictions on the validation rows hold up.</source>
        <translation>训练一次运行，即可查看它在验证行上的预测表现。</translation>
    </message>
    <message>
        <source>“{0}” has no validation predictions to draw: its project was saved without them (older projects, or more than a project keeps); train it again to see its curves.</source>
        <translation>“{0}”没有可绘制的验证集预测：它的项目保存时未包含这些预测（较早的项目，或超出了项目保存的容量）；请重新训练以查看其曲线。</translation>
    </message>
    <message>
        <source>“{0}” predicts another target and is not drawn.</source>
        <translation>“{0}”预测的是另一个目标，未绘制。</translation>
    </message>
    <message>
        <source>“{0}” is a group of {1} runs: its curves are its first run&apos;s.</source>
        <translation>“{0}”是一组 {1} 次运行：曲线来自其中第一次运行。</translation>
    </message>
    <message>
        <source>every class</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>{0} · AUC {1:.3f}</source>
        <translation>{0} · AUC {1:.3f}</translation>
    </message>
    <message>
        <source>{0} · AP {1:.3f}</source>
        <translation>{0} · AP {1:.3f}</translation>
    </message>
    <message>
        <source>{0} · Brier {1:.3f}</source>
        <translation>{0} · Brier {1:.3f}</translation>
    </message>
    <message>
        <source>{0} · mean AUC {1:.3f}</source>
        <translation>{0} · 平均 AUC {1:.3f}</translation>
    </message>
    <message>
        <source>{0} · mean AP {1:.3f}</source>
        <translation>{0} · 平均 AP {1:.3f}</translation>
    </message>
    <message>
        <source>No curves to draw.</source>
        <translation>没有可绘制的曲线。</translation>
    </message>
    <message>
        <source>{0} · R² {1:.3f} · RMSE {2:.4g} · MAE {3:.4g}</source>
        <translation>{0} · R² {1:.3f} · RMSE {2:.4g} · MAE {3:.4g}</translation>
    </message>
    <message>
        <source>Select a run with validation predictions.</source>
        <translation>请选择一个带有验证集预测的运行。</translation>
    </message>
    <message>
        <source>The decision threshold applies to a target with two classes.</source>
        <translation>决策阈值只适用于有两个类别的目标。</translation>
    </message>
    <message>
        <source>A group&apos;s metrics are means over its runs; train one run to move its threshold.</source>
        <translation>一组运行的指标是各次运行的均值；请训练单次运行来调整其阈值。</translation>
    </message>
    <message>
        <source>Confusion (validation)</source>
        <translation>混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>Confusion at {0:.3f} (validation)</source>
        <translation>阈值 {0:.3f} 的混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>Confusion at {0:.3f}</source>
        <translation>阈值 {0:.3f} 的混淆矩阵</translation>
    </message>
    <message>
        <source>threshold {0:.3f}</source>
        <translation>阈值 {0:.3f}</translation>
    </message>
    <message>
        <source>least cost {0:.3f}</source>
        <translation>最小代价 {0:.3f}</translation>
    </message>
</context>
<context>
    <name>EvidenceLabel</name>
    <message>
        <source>Across {0} runs, attention agrees with Pearson r {1} (total variation {2}).</source>
        <translation>{0} 次运行之间，注意力的一致性为 Pearson r {1}（总变差 {2}）。</translation>
    </message>
    <message>
        <source>Attention vs shuffling: Pearson {0}, Spearman {1}, top-3 overlap {2}.</source>
        <translation>注意力与打乱重要性：Pearson {0}，Spearman {1}，前 3 名重合 {2}。</translation>
    </message>
</context>
<context>
    <name>ExplainView</name>
    <message>
        <source>A validation row, numbered as in the heatmap; click the heatmap to pick one.</source>
        <translation>验证行，编号与热图一致；点击热图可选择一行。</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>α for this row: the weights sum to 1 over the features; a larger weight means the network used this feature more for this row.</source>
        <translation>此行的 α：所有特征的权重之和为 1；权重越大，表示网络在这一行上越多地使用了该特征。</translation>
    </message>
    <message>
        <source>Validation row</source>
        <translation>验证行</translation>
    </message>
    <message>
        <source>Train a run with per-row attention to see each row&apos;s weights.</source>
        <translation>使用逐行注意力训练一次，即可查看每一行的权重。</translation>
    </message>
    <message>
        <source>Run “{0}” uses {1} attention: every row gets the same weights, shown in the attention plot. Train with per-row attention to see weights per row.</source>
        <translation>运行“{0}”使用{1}注意力：每一行的权重都相同，见注意力图。使用逐行注意力训练即可查看每一行的权重。</translation>
    </message>
    <message>
        <source>“{0}” was opened from a model file that learned from other data than the loaded table, so its rows are not explained here; Predict on a Table scores this table with it.</source>
        <translation>“{0}”是从模型文件打开的，该模型学习自与当前表格不同的数据，因此这里不解释其各行；可用“对表格进行预测”以它为此表格打分。</translation>
    </message>
    <message>
        <source>Preparing the validation rows of “{0}”…</source>
        <translation>正在准备“{0}”的验证行…</translation>
    </message>
    <message>
        <source>Run “{0}”: attention of {1} validation rows over {2} features.</source>
        <translation>运行“{0}”：{1} 个验证行在 {2} 个特征上的注意力。</translation>
    </message>
    <message>
        <source>The validation rows could not be prepared: {0}</source>
        <translation>无法准备验证行：{0}</translation>
    </message>
    <message>
        <source>(data row {0} of the file)</source>
        <translation>（文件中的第 {0} 个数据行）</translation>
    </message>
    <message>
        <source>Predicted {0}; true value {1}</source>
        <translation>预测值 {0}；真实值 {1}</translation>
    </message>
    <message>
        <source>Predicted {0} with probability {1}; true label {2}: right</source>
        <translation>预测为 {0}，概率 {1}；真实标签 {2}：正确</translation>
    </message>
    <message>
        <source>Predicted {0} with probability {1}; true label {2}: wrong</source>
        <translation>预测为 {0}，概率 {1}；真实标签 {2}：错误</translation>
    </message>
</context>
<context>
    <name>FrameModel</name>
    <message>
        <source>missing value</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>{name}
kind: {kind}
missing: {missing:,} of {rows:,}
{summary}</source>
        <translation>{name}
类型：{kind}
缺失：{rows:,} 个中 {missing:,} 个
{summary}</translation>
    </message>
    <message>
        <source>left out by default: {reason}</source>
        <translation>默认不使用：{reason}</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>There is not enough memory for this task.</source>
        <translation>内存不足，无法完成此任务。</translation>
    </message>
    <message>
        <source>The task stopped on an unexpected error: {0}.</source>
        <translation>任务因意外错误而停止：{0}。</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The interface will be in {0} the next time Attention Trainer starts.</source>
        <translation>下次启动 Attention Trainer 时，界面将使用{0}。</translation>
    </message>
</context>
<context>
    <name>LoadRow</name>
    <message>
        <source>Open Data…</source>
        <translation>打开数据…</translation>
    </message>
    <message>
        <source>Read a CSV or TSV file (the encoding, delimiter and decimal mark are detected) or a workbook (.xlsx, .xlsm, .xls, .ods).</source>
        <translation>读取 CSV 或 TSV 文件（自动检测编码、分隔符和小数点）或工作簿（.xlsx、.xlsm、.xls、.ods）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop reading; the table loaded before stays.</source>
        <translation>停止读取；之前载入的表格保持不变。</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>The workbook&apos;s sheet to read; only sheets that hold cells are listed.</source>
        <translation>要读取的工作簿工作表；只列出含有单元格的工作表。</translation>
    </message>
    <message>
        <source>Open a table</source>
        <translation>打开表格</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.dat *.xlsx *.xlsm *.xls *.ods);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.dat *.xlsx *.xlsm *.xls *.ods);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Attention Trainer</source>
        <translation>Attention Trainer</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Explain rows</source>
        <translation>逐行解释</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Open a saved project: data, settings and runs</source>
        <translation>打开已保存的项目：数据、设置和运行记录</translation>
    </message>
    <message>
        <source>Recent Pro&amp;jects</source>
        <translation>最近的项目(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save the settings, every run and the kept model</source>
        <translation>保存设置、所有运行记录和保留的模型</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open Table…</source>
        <translation>打开表格(&amp;O)…</translation>
    </message>
    <message>
        <source>Read a CSV or TSV file, or a workbook</source>
        <translation>读取 CSV 或 TSV 文件，或工作簿</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open Mode&amp;l…</source>
        <translation>打开模型(&amp;L)…</translation>
    </message>
    <message>
        <source>Save &amp;Model…</source>
        <translation>保存模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s model for &apos;main.py predict&apos;</source>
        <translation>保存所选运行的模型，供“main.py predict”使用</translation>
    </message>
    <message>
        <source>Open a CSV file or a workbook (Ctrl+O), or drop one on the window.</source>
        <translation>打开一个 CSV 文件或工作簿（Ctrl+O），或将文件拖放到窗口中。</translation>
    </message>
    <message>
        <source>Add a saved model to the runs: see, keep, score</source>
        <translation>将已保存的模型加入运行记录：查看、保留、预测</translation>
    </message>
    <message>
        <source>Pre&amp;dict on a Table…</source>
        <translation>对表格进行预测(&amp;D)…</translation>
    </message>
    <message>
        <source>Score a new file with the selected run&apos;s model</source>
        <translation>用所选运行的模型为新文件打分</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Plots as &amp;PNG…</source>
        <translation>图表导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Plots as &amp;SVG…</source>
        <translation>图表导出为 &amp;SVG…</translation>
    </message>
    <message>
        <source>Run &amp;metrics as CSV…</source>
        <translation>运行指标导出为 CSV(&amp;M)…</translation>
    </message>
    <message>
        <source>Run &amp;curves as CSV…</source>
        <translation>运行曲线导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Attention table as CSV…</source>
        <translation>注意力表导出为 CSV(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>The selected run as one HTML page that opens offline</source>
        <translation>将选中的运行导出为一个可离线打开的 HTML 页面</translation>
    </message>
    <message>
        <source>&amp;Copy as Command</source>
        <translation>复制为命令(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the &apos;main.py train&apos; line that repeats the selected run headlessly</source>
        <translation>复制可在无界面下重复所选运行的“main.py train”命令行</translation>
    </message>
    <message>
        <source>Save Run &amp;Configuration…</source>
        <translation>保存运行配置(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the selected run&apos;s settings as JSON for &apos;main.py train --config&apos;</source>
        <translation>将所选运行的设置保存为 JSON，供“main.py train --config”使用</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Train with the current settings</source>
        <translation>用当前设置训练</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Check Attention…</source>
        <translation>检验注意力(&amp;C)…</translation>
    </message>
    <message>
        <source>Does attention help, stay put across seeds, and help a fresh network? (Wiegreffe &amp; Pinter)</source>
        <translation>注意力是否有帮助、在随机种子之间是否稳定、能否帮助全新网络？（Wiegreffe 与 Pinter）</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>参数扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Open a table</source>
        <translation>打开表格</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Stop the training run before opening another file.</source>
        <translation>请先停止训练，再打开其他文件。</translation>
    </message>
    <message>
        <source>Stop the sweep before opening another file.</source>
        <translation>请先停止扫描，再打开其他文件。</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>{0}: {1} rows, {2} columns</source>
        <translation>{0}：{1} 行，{2} 列</translation>
    </message>
    <message>
        <source>A sweep is running: stop it, or wait for it to end, before training.</source>
        <translation>扫描正在运行：请先停止它，或等它结束，再开始训练。</translation>
    </message>
    <message>
        <source>“{0}” was trained on {1}; open that file to train it again.</source>
        <translation>“{0}”是在 {1} 上训练的；请打开该文件再重新训练。</translation>
    </message>
    <message>
        <source>no attention</source>
        <translation>无注意力</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>{0} · {1} runs</source>
        <translation>{0} · {1} 次运行</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Attention Trainer models ({0});;All files (*)</source>
        <translation>Attention Trainer 模型 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Stop the training run before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <source>Opened the model {0} as the run “{1}”; it predicts {2}.</source>
        <translation>已将模型 {0} 作为运行“{1}”打开；它预测 {2}。</translation>
    </message>
    <message>
        <source>The file does not say which data it learned from (a notebook&apos;s data frame has no file).</source>
        <translation>该文件未记录它是从哪份数据学习的（笔记本中的数据框没有文件）。</translation>
    </message>
    <message>
        <source>It learned from {0}: open that file to train its settings again.</source>
        <translation>它是从 {0} 学习的：请打开该文件，再用其设置重新训练。</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>The column to predict; by default chosen from the file.</source>
        <translation>要预测的列；默认根据文件自动选择。</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Comma-separated input columns; by default every usable column besides the target.</source>
        <translation>用逗号分隔的输入列；默认为目标以外所有可用的列。</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Classification or regression; by default inferred from the target.</source>
        <translation>分类或回归；默认根据目标列推断。</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Predict a class: softmax output, cross-entropy loss, F1 score.</source>
        <translation>预测类别：softmax 输出、交叉熵损失、F1 分数。</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Predict a number: linear output, squared error, R².</source>
        <translation>预测数值：线性输出、平方误差、R²。</translation>
    </message>
    <message>
        <source>Positive class</source>
        <translation>正类</translation>
    </message>
    <message>
        <source>For two classes, the class whose precision, recall and F1 are reported. By default the class with fewer training rows.</source>
        <translation>两个类别时，报告其精确率、召回率和 F1 的类别。默认为训练行较少的类别。</translation>
    </message>
    <message>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>How empty feature cells are handled. Statistics are computed on the training rows only, then applied unchanged to validation rows and new data.</source>
        <translation>如何处理空的特征单元格。统计量只在训练行上计算，然后原样应用于验证行和新数据。</translation>
    </message>
    <message>
        <source>fill with the median</source>
        <translation>用中位数填充</translation>
    </message>
    <message>
        <source>Empty cells get the column&apos;s median (robust to outliers); text columns get their most frequent level.</source>
        <translation>空单元格填入该列的中位数（不受异常值影响）；文本列填入出现最多的取值。</translation>
    </message>
    <message>
        <source>fill with the mean</source>
        <translation>用均值填充</translation>
    </message>
    <message>
        <source>Empty cells get the column&apos;s mean; text columns their most frequent level.</source>
        <translation>空单元格填入该列的均值；文本列填入出现最多的取值。</translation>
    </message>
    <message>
        <source>fill with the most frequent value</source>
        <translation>用最常见的值填充</translation>
    </message>
    <message>
        <source>Empty cells get the column&apos;s most common value.</source>
        <translation>空单元格填入该列最常见的值。</translation>
    </message>
    <message>
        <source>drop rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Training rows with any empty feature are dropped; validation rows and new data are still filled with the median.</source>
        <translation>删除有空特征的训练行；验证行和新数据仍用中位数填充。</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>异常值</translation>
    </message>
    <message>
        <source>What happens to extreme numeric values. Statistics are computed on the training rows only, then applied unchanged to validation rows and new data.</source>
        <translation>如何处理极端的数值。统计量只在训练行上计算，然后原样应用于验证行和新数据。</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Values are used as they are.</source>
        <translation>按原值使用。</translation>
    </message>
    <message>
        <source>clip to the fences</source>
        <translation>截断到边界</translation>
    </message>
    <message>
        <source>Values beyond a fence are set to the fence value.</source>
        <translation>超出边界的值设为边界值。</translation>
    </message>
    <message>
        <source>Training rows with a value beyond a fence are dropped; validation rows and new data are clipped instead.</source>
        <translation>删除有值超出边界的训练行；验证行和新数据则改为截断。</translation>
    </message>
    <message>
        <source>Fences</source>
        <translation>边界</translation>
    </message>
    <message>
        <source>Where the fences for outliers lie.</source>
        <translation>异常值的边界位置。</translation>
    </message>
    <message>
        <source>z-score</source>
        <translation>z 分数</translation>
    </message>
    <message>
        <source>Fences at mean ± k·standard deviation.</source>
        <translation>边界为均值 ± k·标准差。</translation>
    </message>
    <message>
        <source>IQR fences</source>
        <translation>IQR 边界</translation>
    </message>
    <message>
        <source>Fences at Q1 − k·IQR and Q3 + k·IQR, with IQR = Q3 − Q1 (Tukey&apos;s rule; robust to the outliers themselves).</source>
        <translation>边界为 Q1 − k·IQR 和 Q3 + k·IQR，其中 IQR = Q3 − Q1（Tukey 规则；不受异常值本身影响）。</translation>
    </message>
    <message>
        <source>Fence multiplier k</source>
        <translation>边界倍数 k</translation>
    </message>
    <message>
        <source>The fence multiplier k: 3 is usual for z-scores, 1.5 for IQR fences.</source>
        <translation>边界倍数 k：z 分数通常取 3，IQR 边界取 1.5。</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>How numeric features are scaled. Statistics are computed on the training rows only, then applied unchanged to validation rows and new data.</source>
        <translation>数值特征如何缩放。统计量只在训练行上计算，然后原样应用于验证行和新数据。</translation>
    </message>
    <message>
        <source>(x − mean) / standard deviation.</source>
        <translation>(x − 均值) / 标准差。</translation>
    </message>
    <message>
        <source>min-max</source>
        <translation>最小-最大</translation>
    </message>
    <message>
        <source>(x − min) / (max − min): values from 0 to 1.</source>
        <translation>(x − 最小值) / (最大值 − 最小值)：取值在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>robust</source>
        <translation>稳健</translation>
    </message>
    <message>
        <source>(x − median) / IQR: scaled by the median and the interquartile range, so a few extreme values barely move it.</source>
        <translation>(x − 中位数) / IQR：按中位数和四分位距缩放，少数极端值几乎不影响结果。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>How the attention logits z are obtained.</source>
        <translation>注意力 logit z 的获得方式。</translation>
    </message>
    <message>
        <source>global: one weight per feature</source>
        <translation>全局：每个特征一个权重</translation>
    </message>
    <message>
        <source>One learnable logit z_i per feature, the same for every row: α = g(z) is the model&apos;s overall importance of each feature.</source>
        <translation>每个特征一个可学习的 logit z_i，所有行相同：α = g(z) 是模型对每个特征总体重要性的判断。</translation>
    </message>
    <message>
        <source>per row: weights depend on the row</source>
        <translation>逐行：权重随行而变</translation>
    </message>
    <message>
        <source>z = tanh(x·V + c)·W_a + b_a: the logits, and so the weights, are computed from each row, as in self-attention over features.</source>
        <translation>z = tanh(x·V + c)·W_a + b_a：logit 以及权重由每一行计算得出，如同对特征的自注意力。</translation>
    </message>
    <message>
        <source>off: no attention (baseline)</source>
        <translation>关闭：无注意力（基线）</translation>
    </message>
    <message>
        <source>The inputs pass through unweighted: the run to compare attention against.</source>
        <translation>输入不加权地直接通过：作为与注意力对比的基线运行。</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>The weighting function g that turns logits into weights.</source>
        <translation>把 logit 变为权重的加权函数 g。</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>α_i = exp(z_i/T) / Σ_j exp(z_j/T). A low temperature T sharpens the weights towards one feature; a high T flattens them towards uniform.</source>
        <translation>α_i = exp(z_i/T) / Σ_j exp(z_j/T)。温度 T 低时权重向某一个特征集中；T 高时权重趋于均匀。</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>α_i = b^z_i / Σ_j b^z_j with base b &gt; 1: softmax with T = 1/ln b.</source>
        <translation>α_i = b^z_i / Σ_j b^z_j，底数 b &gt; 1：即 T = 1/ln b 的 softmax。</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>α_i = s(z_i) / Σ_j s(z_j) with a positive score: softplus s(z) = ln(1 + e^z), or s(z) = max(z, 0) + 0.001 so every feature can come back.</source>
        <translation>α_i = s(z_i) / Σ_j s(z_j)，其中 s 为正的分数：softplus s(z) = ln(1 + e^z)，或 s(z) = max(z, 0) + 0.001，使每个特征都还能恢复。</translation>
    </message>
    <message>
        <source>sparsemax</source>
        <translation>sparsemax</translation>
    </message>
    <message>
        <source>α = the point of the simplex closest to z (Euclidean projection): low logits get exactly 0, switching those features off.</source>
        <translation>α = 单纯形上离 z 最近的点（欧氏投影）：较低的 logit 恰好得到 0，相应的特征被关闭。</translation>
    </message>
    <message>
        <source>custom formula</source>
        <translation>自定义公式</translation>
    </message>
    <message>
        <source>α_i = s(z_i, i, n) / Σ_j s(z_j, j, n) with your score s: z is the logit, i the feature&apos;s position (0, 1, …) and n the number of features. The derivative used in training is exact.</source>
        <translation>α_i = s(z_i, i, n) / Σ_j s(z_j, j, n)，s 为你的分数：z 是 logit，i 是特征的位置（0, 1, …），n 是特征数。训练中使用的导数是精确的。</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Softmax temperature T in α_i = exp(z_i/T) / Σ_j exp(z_j/T): below 1 sharper, above 1 flatter.</source>
        <translation>α_i = exp(z_i/T) / Σ_j exp(z_j/T) 中的 softmax 温度 T：小于 1 更集中，大于 1 更平缓。</translation>
    </message>
    <message>
        <source>Base b</source>
        <translation>底数 b</translation>
    </message>
    <message>
        <source>Base b &gt; 1 in α_i = b^z_i / Σ_j b^z_j; b = e (2.7183) is softmax with T = 1.</source>
        <translation>α_i = b^z_i / Σ_j b^z_j 中的底数 b &gt; 1；b = e (2.7183) 即 T = 1 的 softmax。</translation>
    </message>
    <message>
        <source>Linear score</source>
        <translation>线性分数</translation>
    </message>
    <message>
        <source>The positive score s(z) of the linear weighting.</source>
        <translation>线性加权的正分数 s(z)。</translation>
    </message>
    <message>
        <source>softplus: ln(1 + e^z)</source>
        <translation>softplus：ln(1 + e^z)</translation>
    </message>
    <message>
        <source>Smooth and always positive.</source>
        <translation>平滑且恒为正。</translation>
    </message>
    <message>
        <source>relu: max(z, 0) + 0.001</source>
        <translation>relu：max(z, 0) + 0.001</translation>
    </message>
    <message>
        <source>Piecewise linear; the 0.001 keeps a switched-off feature reachable.</source>
        <translation>分段线性；0.001 使被关闭的特征仍可恢复。</translation>
    </message>
    <message>
        <source>Positional decay ρ</source>
        <translation>位置衰减 ρ</translation>
    </message>
    <message>
        <source>Positional prior: the score of the i-th feature (in column order, i = 0, 1, …) is multiplied by ρ^i, favouring the first columns, e.g. recent lags. For sparsemax, i·ln ρ is added to the logit. 1 = no prior.</source>
        <translation>位置先验：第 i 个特征（按列顺序，i = 0, 1, …）的分数乘以 ρ^i，偏向靠前的列，例如最近的滞后项。对 sparsemax，则在 logit 上加 i·ln ρ。1 = 无先验。</translation>
    </message>
    <message>
        <source>Formula s(z, i, n)</source>
        <translation>公式 s(z, i, n)</translation>
    </message>
    <message>
        <source>Score s(z, i, n) ≥ 0, normalised to weights. Variables: z, i, n; constants pi, e; operators + - * / **; functions exp, log, sqrt, abs, sin, cos, tanh, sigmoid, softplus, relu, min, max.</source>
        <translation>分数 s(z, i, n) ≥ 0，归一化后成为权重。变量：z、i、n；常量 pi、e；运算符 + - * / **；函数 exp、log、sqrt、abs、sin、cos、tanh、sigmoid、softplus、relu、min、max。</translation>
    </message>
    <message>
        <source>e.g. exp(z) * 0.9**i</source>
        <translation>例如 exp(z) * 0.9**i</translation>
    </message>
    <message>
        <source>Entropy penalty λ</source>
        <translation>熵惩罚 λ</translation>
    </message>
    <message>
        <source>Adds λ·H(α), H = −Σ_i α_i ln α_i, to the loss: a larger λ pushes the weights towards fewer features. 0 = off.</source>
        <translation>在损失中加上 λ·H(α)，H = −Σ_i α_i ln α_i：λ 越大，权重越集中到少数特征上。0 = 关闭。</translation>
    </message>
    <message>
        <source>Attention learning-rate factor</source>
        <translation>注意力学习率倍数</translation>
    </message>
    <message>
        <source>The attention logits (global logits, or the per-row bias) start this many times faster than the rest of the network, so the weights form before early stopping ends a short run; the factor then decays as 3/(3 + epoch), so the weights settle instead of drifting. 1 = the same rate at first.</source>
        <translation>注意力 logit（全局 logit 或逐行偏置）起初的学习速度是网络其余部分的这么多倍，使权重在早停结束较短的运行之前就已形成；之后该倍数按 3/(3 + epoch) 衰减，使权重趋于稳定而不再漂移。1 = 起初相同的学习率。</translation>
    </message>
    <message>
        <source>Per-row scorer units</source>
        <translation>逐行评分器单元数</translation>
    </message>
    <message>
        <source>Per-row attention only: the logits come from one hidden layer, z = tanh(x·V + c)·W_a + b_a, with this many units, so the weights can switch with the row (x1 matters where x11 &lt; 0, x3 elsewhere). 0 = the linear scorer z = x·W_a + b_a.</source>
        <translation>仅用于逐行注意力：logit 来自一个隐藏层 z = tanh(x·V + c)·W_a + b_a，单元数为此值，因此权重可随行切换（x11 &lt; 0 时 x1 重要，否则 x3 重要）。0 = 线性评分器 z = x·W_a + b_a。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>One epoch is one pass over every training row; the curves get one point per epoch. Early stopping may end the run sooner.</source>
        <translation>一轮即遍历全部训练行一次；曲线每轮增加一个点。早停可能使运行提前结束。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Rows per update for SGD, momentum and Adam: each step follows the mean gradient of B rows, so an epoch of n rows takes ⌈n / B⌉ steps. Small batches are noisier and slower per epoch but often generalise better. Full-batch gradient descent ignores it.</source>
        <translation>SGD、动量和 Adam 每次更新使用的行数：每一步沿 B 行的平均梯度前进，因此 n 行的一轮需要 ⌈n / B⌉ 步。小批次噪声更大、每轮更慢，但往往泛化更好。全批量梯度下降忽略此项。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size η of every update θ ← θ − η·g. Too large and the loss diverges; too small and it barely moves. Typical: 0.001–0.01 for Adam, 0.01–0.1 for SGD.</source>
        <translation>每次更新 θ ← θ − η·g 的步长 η。太大则损失发散；太小则几乎不动。常用值：Adam 取 0.001–0.01，SGD 取 0.01–0.1。</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How each step follows the gradient.</source>
        <translation>每一步如何沿梯度前进。</translation>
    </message>
    <message>
        <source>Full-batch gradient descent</source>
        <translation>全批量梯度下降</translation>
    </message>
    <message>
        <source>θ ← θ − η·∇L over all training rows at once.</source>
        <translation>在全部训练行上一次计算：θ ← θ − η·∇L。</translation>
    </message>
    <message>
        <source>Mini-batch SGD</source>
        <translation>小批量 SGD</translation>
    </message>
    <message>
        <source>The same step on the mean gradient g of each mini-batch.</source>
        <translation>同样的一步，但用每个小批次的平均梯度 g。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>v ← β·v + g, θ ← θ − η·v (past steps keep it rolling through flat and noisy regions).</source>
        <translation>v ← β·v + g，θ ← θ − η·v（以往的步伐使它在平坦和有噪声的区域继续前进）。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂ / (√v̂ + ε), with bias-corrected m̂, v̂ (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): a per-parameter step size, robust to badly scaled inputs.</source>
        <translation>m ← β₁m + (1−β₁)g，v ← β₂v + (1−β₂)g²，θ ← θ − η·m̂ / (√v̂ + ε)，其中 m̂、v̂ 经过偏差校正（β₁ = 0.9，β₂ = 0.999，ε = 1e-8）：每个参数有自己的步长，对尺度不佳的输入很稳健。</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <source>β in v ← β·v + g: the share of the previous step carried into the next one (0.9 is usual; 0 is plain SGD). Used by the momentum optimiser only.</source>
        <translation>v ← β·v + g 中的 β：上一步带入下一步的比例（通常取 0.9；0 即普通 SGD）。仅动量优化器使用。</translation>
    </message>
    <message>
        <source>Rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>The learning rate per epoch t of T.</source>
        <translation>第 t 轮（共 T 轮）的学习率。</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>η in every epoch.</source>
        <translation>每一轮都是 η。</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>余弦衰减</translation>
    </message>
    <message>
        <source>η·(0.01 + 0.99·½(1 + cos(π·t/(T−1)))), from η down to 1% of η.</source>
        <translation>η·(0.01 + 0.99·½(1 + cos(π·t/(T−1))))，从 η 逐渐降到 η 的 1%。</translation>
    </message>
    <message>
        <source>Step (halve each quarter)</source>
        <translation>阶梯（每四分之一减半）</translation>
    </message>
    <message>
        <source>η halved after every quarter of the epochs.</source>
        <translation>每过四分之一的轮数，η 减半。</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Sizes of the hidden layers after the attention step, separated by commas: &quot;32&quot; is one layer of 32 units, &quot;64,32&quot; two layers. Empty: no hidden layer, a linear (logistic) model on the weighted features.</source>
        <translation>注意力之后各隐藏层的大小，用逗号分隔：“32”是一层 32 个单元，“64,32”是两层。留空：没有隐藏层，即在加权特征上的线性（逻辑）模型。</translation>
    </message>
    <message>
        <source>e.g. 64,32</source>
        <translation>例如 64,32</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Non-linearity of the hidden layers.</source>
        <translation>隐藏层的非线性函数。</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>max(0, x), fast and the usual choice.</source>
        <translation>max(0, x)，速度快，是常用选择。</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), smooth and bounded in (−1, 1).</source>
        <translation>(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)，平滑且取值在 (−1, 1) 之间。</translation>
    </message>
    <message>
        <source>Early-stopping patience</source>
        <translation>早停耐心值</translation>
    </message>
    <message>
        <source>Early stopping: the run ends once the validation loss has not improved for this many epochs in a row; the weights of the best epoch are kept either way. 0 turns early stopping off.</source>
        <translation>早停：验证损失连续这么多轮没有改善时结束运行；无论如何都保留最佳一轮的权重。0 表示关闭早停。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>How much each class counts in the loss.</source>
        <translation>每个类别在损失中所占的分量。</translation>
    </message>
    <message>
        <source>equal</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>Every row counts the same.</source>
        <translation>每一行的分量相同。</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <source>Each class counts in inverse proportion to its rows (n / (k·n_c)), so a rare class weighs as much as a common one: higher recall on it, often lower precision.</source>
        <translation>每个类别的分量与其行数成反比（n / (k·n_c)），使少见类别与常见类别同等重要：其召回率更高，但精确率往往更低。</translation>
    </message>
    <message>
        <source>Decision threshold</source>
        <translation>决策阈值</translation>
    </message>
    <message>
        <source>Two classes: a row is called positive when the model&apos;s probability of the positive class is at least this; it moves precision, recall, F1 and the confusion matrix, not the training. 0.5 = the more probable class. Saved with the model; predictions use it.</source>
        <translation>两个类别时：当模型给出的正类概率不低于此值时，该行判为正类；它改变精确率、召回率、F1 和混淆矩阵，但不改变训练。0.5 = 取概率较大的类别。随模型保存，预测时使用。</translation>
    </message>
    <message>
        <source>Cost of a false positive</source>
        <translation>假阳性的代价</translation>
    </message>
    <message>
        <source>Two classes: what a false positive costs, with a false negative costing 1 (e.g. 0.2: a missed positive is five times worse). The threshold that makes fp_cost·FP + FN least on the validation rows is reported, to use as the decision threshold.</source>
        <translation>两个类别时：一个假阳性的代价，以一个假阴性的代价为 1（例如 0.2：漏掉一个正类比误报严重五倍）。会报告使验证行上 fp_cost·FP + FN 最小的阈值，可用作决策阈值。</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>The share of rows set aside (stratified by class, seeded) to measure the model on rows it never trained on; early stopping watches them. Ignored when a validation file is given.</source>
        <translation>留出的行所占比例（按类别分层、由种子决定），用于在模型从未训练过的行上评估它；早停观察的就是这些行。给出验证文件时忽略此项。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seeds the validation split, the initial weights and the order of the mini-batches: the same seed and settings give the same run.</source>
        <translation>决定验证集划分、初始权重和小批次顺序的随机种子：相同的种子和设置会得到相同的运行。</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Train this many runs with seeds seed, seed+1, … on the same split and report the mean attention and metrics with their spread across runs, and how alike the runs&apos; attention is. The first run&apos;s model is the one saved.</source>
        <translation>在同一划分上以种子 seed、seed+1、… 训练这么多次运行，报告注意力和指标的均值及其在各次运行间的离散程度，以及各次运行的注意力有多相似。保存的是第一次运行的模型。</translation>
    </message>
    <message>
        <source>Cross-validation folds</source>
        <translation>交叉验证折数</translation>
    </message>
    <message>
        <source>K-fold cross-validation: split the rows into K folds (stratified by class) and train K runs, each validated on its own fold; reports the mean over the folds. 0 = off: one validation split.</source>
        <translation>K 折交叉验证：把行分成 K 折（按类别分层），训练 K 次运行，每次在自己的那一折上验证；报告各折的均值。0 = 关闭：只用一个验证划分。</translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation>L2 惩罚</translation>
    </message>
    <message>
        <source>Weight decay λ: adds ½·λ·Σw² over the layer weights to the loss, which pulls weights towards zero and curbs over-fitting. 0 turns it off.</source>
        <translation>权重衰减 λ：在损失中加上各层权重的 ½·λ·Σw²，把权重拉向零、抑制过拟合。0 表示关闭。</translation>
    </message>
    <message>
        <source>Repeats / folds</source>
        <translation>重复 / 折数</translation>
    </message>
    <message>
        <source>Train several runs to see how much the answer moves with the seed or the split: the plots show the mean over the runs with a band of ±1 standard deviation, attention with error bars, and the metrics as mean ± sd. Save Model and Predict use the first run&apos;s model (seed, fold 1), the same one a single run with that seed trains, not an average of the runs.</source>
        <translation>训练多次运行，看结果随种子或划分变化多少：图中显示各次运行的均值及 ±1 标准差的带，注意力带误差线，指标为均值 ± 标准差。保存模型和预测使用第一次运行的模型（该种子、第 1 折），即用该种子单次运行所训练的同一个模型，而不是各次运行的平均。</translation>
    </message>
    <message>
        <source>One run</source>
        <translation>单次运行</translation>
    </message>
    <message>
        <source>One run with the seed and one validation split.</source>
        <translation>用该种子和一个验证划分训练一次。</translation>
    </message>
    <message>
        <source>K repeats</source>
        <translation>K 次重复</translation>
    </message>
    <message>
        <source>K runs with seeds seed, seed+1, …, seed+K−1 on the same validation split: how much the answer depends on the initial weights and the order of the mini-batches.</source>
        <translation>在同一验证划分上用种子 seed、seed+1、…、seed+K−1 训练 K 次：结果在多大程度上取决于初始权重和小批量的顺序。</translation>
    </message>
    <message>
        <source>K-fold cross-validation</source>
        <translation>K 折交叉验证</translation>
    </message>
    <message>
        <source>The rows split into K folds (stratified by class); one run per fold, trained on the other folds and validated on its own: every row is validated once, and the spread includes the split&apos;s.</source>
        <translation>将行分成 K 折（按类别分层）；每折一次运行，在其他折上训练并在本折上验证：每行都被验证一次，离散程度也包含划分带来的变化。</translation>
    </message>
</context>
<context>
    <name>PreprocessingEffect</name>
    <message>
        <source>Estimated on a random sample of {sample:,} of {rows:,} rows: </source>
        <translation>基于 {rows:,} 行中随机抽取的 {sample:,} 行估算：</translation>
    </message>
    <message>
        <source>fitted on {rows:,} training rows: {dropped:,} rows dropped, {imputed:,} values imputed, {clipped:,} values clipped</source>
        <translation>在 {rows:,} 个训练行上拟合：删除 {dropped:,} 行，填补 {imputed:,} 个值，截断 {clipped:,} 个值</translation>
    </message>
    <message>
        <source> ({missing:,} with missing values, {outliers:,} as outliers)</source>
        <translation>（{missing:,} 行有缺失值，{outliers:,} 行为异常值）</translation>
    </message>
    <message>
        <source>; {inputs:,} model inputs.</source>
        <translation>；模型输入 {inputs:,} 个。</translation>
    </message>
    <message>
        <source>{rows:,} rows without a target value are left out.</source>
        <translation>{rows:,} 行没有目标值，不予使用。</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>Train or select a run to report on first.</source>
        <translation>请先训练或选择一个要生成报告的运行。</translation>
    </message>
    <message>
        <source>Export the report of “{0}”</source>
        <translation>导出“{0}”的报告</translation>
    </message>
    <message>
        <source>HTML pages (*.html)</source>
        <translation>HTML 页面 (*.html)</translation>
    </message>
    <message>
        <source>en</source>
        <comment>the HTML language code of the report in this translation, e.g. zh-CN</comment>
        <translation>zh-CN</translation>
    </message>
    <message>
        <source>Writing the report of “{0}”…</source>
        <translation>正在写入“{0}”的报告…</translation>
    </message>
    <message>
        <source>Wrote the report to {0}.</source>
        <translation>报告已写入 {0}。</translation>
    </message>
    <message>
        <source>The report was not written: {0}</source>
        <translation>报告未写入：{0}</translation>
    </message>
</context>
<context>
    <name>RowHeatmap</name>
    <message>
        <source>Attention per validation row</source>
        <translation>每个验证行的注意力</translation>
    </message>
    <message>
        <source>Attention per row</source>
        <translation>每行的注意力</translation>
    </message>
    <message>
        <source>validation row</source>
        <translation>验证行</translation>
    </message>
    <message>
        <source>weight α</source>
        <translation>权重 α</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>feature (point at a column for its name)</source>
        <translation>特征（指向某列可看其名称）</translation>
    </message>
    <message>
        <source>feature (hover for names)</source>
        <translation>特征（悬停看名称）</translation>
    </message>
    <message>
        <source>{0}
validation row {1}: weight {2}</source>
        <translation>{0}
验证行 {1}：权重 {2}</translation>
    </message>
</context>
<context>
    <name>RunProgress</name>
    <message>
        <source>preparing the data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <source>Preparing the data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <source>epoch {0}/{1} · {2} elapsed</source>
        <translation>第 {0}/{1} 轮 · 已用 {2}</translation>
    </message>
    <message>
        <source>run {0} of {1}, epoch {2} of {3} · {4} elapsed</source>
        <translation>第 {0}/{1} 次运行，第 {2}/{3} 轮 · 已用 {4}</translation>
    </message>
    <message>
        <source>paused · {0}</source>
        <translation>已暂停 · {0}</translation>
    </message>
    <message>
        <source>{0} · ETA {1}</source>
        <translation>{0} · 预计还需 {1}</translation>
    </message>
    <message>
        <source>{0} epochs in {1}</source>
        <translation>{0} 轮，用时 {1}</translation>
    </message>
    <message>
        <source>{0} runs in {1}</source>
        <translation>{0} 次运行，用时 {1}</translation>
    </message>
    <message>
        <source>Finished {0} runs: the plots and metrics show their mean ± sd; Save Model and Predict use the first run&apos;s model.</source>
        <translation>已完成 {0} 次运行：图和指标显示其均值 ± 标准差；保存模型和预测使用第一次运行的模型。</translation>
    </message>
    <message>
        <source>stopped in run {0} of {1}</source>
        <translation>在第 {0}/{1} 次运行中停止</translation>
    </message>
    <message>
        <source>Stopped in run {0} of {1}: only the first run is kept, with its best weights.</source>
        <translation>在第 {0}/{1} 次运行中停止：只保留第一次运行及其最佳权重。</translation>
    </message>
    <message>
        <source>Stopped in run {0} of {1}: the mean ± sd cover the {2} runs that finished (the first run&apos;s model is kept).</source>
        <translation>在第 {0}/{1} 次运行中停止：均值 ± 标准差只包括已完成的 {2} 次运行（保留第一次运行的模型）。</translation>
    </message>
    <message>
        <source>shuffling columns… {0:.0f}%</source>
        <translation>正在打乱各列… {0:.0f}%</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <source>{0:.0f} s</source>
        <translation>{0:.0f} 秒</translation>
    </message>
    <message>
        <source>{0} min {1:02d} s</source>
        <translation>{0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} 小时 {1:02d} 分</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended.</source>
        <translation>在第一轮结束前已停止。</translation>
    </message>
    <message>
        <source>Stopped early at epoch {0}; best epoch {1} (its weights are kept).</source>
        <translation>在第 {0} 轮提前停止；最佳为第 {1} 轮（保留其权重）。</translation>
    </message>
    <message>
        <source>Stopped by the user at epoch {0}; best epoch {1} (its weights are kept).</source>
        <translation>用户在第 {0} 轮停止；最佳为第 {1} 轮（保留其权重）。</translation>
    </message>
    <message>
        <source>Finished {0} epochs; best epoch {1} (its weights are kept).</source>
        <translation>完成 {0} 轮；最佳为第 {1} 轮（保留其权重）。</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Weighting</source>
        <translation>加权方式</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>F1 / R²</source>
        <translation>F1 / R²</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Validation F1 for classification (binary: of the positive class; otherwise the macro average), R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² for regression.</source>
        <translation>分类时为验证集 F1（二分类：正类的 F1；否则为宏平均），回归时为 R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²。</translation>
    </message>
    <message>
        <source>Double-click a name to rename the run. ★ marks the run whose model the project keeps and Save Model and Predict use.</source>
        <translation>双击名称可重命名运行。★ 标记项目保留其模型、且“保存模型”和“预测”所用的运行。</translation>
    </message>
    <message>
        <source>Train without attention</source>
        <translation>不用注意力再训练</translation>
    </message>
    <message>
        <source>Train the selected run&apos;s settings again with attention off (every feature goes to the network unweighted), to see what attention adds, or doesn&apos;t.</source>
        <translation>关闭注意力，用所选运行的设置再训练一次（每个特征不加权地输入网络），看看注意力带来了什么，或者没有带来什么。</translation>
    </message>
    <message>
        <source>Keep this run&apos;s model</source>
        <translation>保留此运行的模型</translation>
    </message>
    <message>
        <source>The project saves the model of one run (★); Save Model and Predict use it.</source>
        <translation>项目保存一个运行（★）的模型；“保存模型”和“预测”使用它。</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Validation F1 / R²</source>
        <translation>验证 F1 / R²</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>none (attention off)</source>
        <translation>无（注意力关闭）</translation>
    </message>
    <message>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <source>not recorded (a notebook&apos;s data frame)</source>
        <translation>未记录（笔记本中的数据框）</translation>
    </message>
    <message>
        <source>{0}
Opened from {1}
Predicts “{2}”; learned from: {3}</source>
        <translation>{0}
打开自 {1}
预测“{2}”；学习自：{3}</translation>
    </message>
</context>
<context>
    <name>SweepDialog</name>
    <message>
        <source>Sweep</source>
        <translation>参数扫描</translation>
    </message>
    <message>
        <source>Train one run for each combination of the values below (a grid), or for random samples of them; the settings not swept are the window&apos;s. Each run is ranked by its validation F1 (R² for regression).</source>
        <translation>为下列取值的每种组合（网格）或其随机抽样各训练一次；未扫描的设置取自主窗口。每次运行按其验证 F1（回归为 R²）排序。</translation>
    </message>
    <message>
        <source>Settings to sweep</source>
        <translation>要扫描的设置</translation>
    </message>
    <message>
        <source>Start Sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Restore Settings</source>
        <translation>恢复设置</translation>
    </message>
    <message>
        <source>Put the selected run&apos;s settings into the window&apos;s forms, to train it again or start from it (double-click a row does the same)</source>
        <translation>把所选运行的设置填回主窗口的表单，以便再次训练或在此基础上调整（双击一行效果相同）</translation>
    </message>
    <message>
        <source>Add to Runs</source>
        <translation>加入运行记录</translation>
    </message>
    <message>
        <source>Keep the selected runs, with their models, on the Runs page</source>
        <translation>把所选运行连同其模型保留在“运行记录”页</translation>
    </message>
    <message>
        <source>Save Sweep…</source>
        <translation>保存扫描…</translation>
    </message>
    <message>
        <source>Save the settings to sweep as JSON for &apos;main.py sweep --spec&apos;</source>
        <translation>把要扫描的设置保存为 JSON，供“main.py sweep --spec”使用</translation>
    </message>
    <message>
        <source>Export Results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <source>Write one row per run as CSV</source>
        <translation>每次运行写一行，保存为 CSV</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add a setting to sweep.</source>
        <translation>请添加要扫描的设置。</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 次运行</translation>
    </message>
    <message>
        <source>{0} runs</source>
        <translation>{0} 次运行</translation>
    </message>
    <message>
        <source>Open a table before sweeping.</source>
        <translation>请先打开一个表格再扫描。</translation>
    </message>
    <message>
        <source>validation R²</source>
        <translation>验证 R²</translation>
    </message>
    <message>
        <source>validation F1</source>
        <translation>验证 F1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Run {0} of {1}…</source>
        <translation>第 {0}/{1} 次运行…</translation>
    </message>
    <message>
        <source>Run {0} of {1}: epoch {2} of {3}</source>
        <translation>第 {0}/{1} 次运行：第 {2}/{3} 轮</translation>
    </message>
    <message>
        <source>{0} in {1:.1f} s.</source>
        <translation>{0}，用时 {1:.1f} 秒。</translation>
    </message>
    <message>
        <source>Stopped after {0} of {1} runs.</source>
        <translation>在完成 {1} 次运行中的 {0} 次后停止。</translation>
    </message>
    <message>
        <source>Best: run {0} ({1}), {2} {3:.4f}.</source>
        <translation>最佳：第 {0} 次运行（{1}），{2} {3:.4f}。</translation>
    </message>
    <message>
        <source>Every run failed: {0}</source>
        <translation>每次运行都失败了：{0}</translation>
    </message>
    <message>
        <source>The settings of run {0} are in the window&apos;s forms: press Start there to train it.</source>
        <translation>第 {0} 次运行的设置已填入主窗口的表单：在那里按“开始”即可训练。</translation>
    </message>
    <message>
        <source>These runs were trained on another file; open it again to use them.</source>
        <translation>这些运行是在另一个文件上训练的；请重新打开该文件再使用它们。</translation>
    </message>
    <message>
        <source>sweep {0} · {1}</source>
        <translation>扫描 {0} · {1}</translation>
    </message>
    <message>
        <source>Added {0} to the Runs page.</source>
        <translation>已把 {0}加入“运行记录”页。</translation>
    </message>
    <message>
        <source>Save the sweep</source>
        <translation>保存扫描</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>The file was not written: {0}</source>
        <translation>文件未写入：{0}</translation>
    </message>
    <message>
        <source>Saved the sweep to {0}.</source>
        <translation>已将扫描保存到 {0}。</translation>
    </message>
    <message>
        <source>Export the results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Wrote {0} rows to {1}.</source>
        <translation>已将 {0} 行写入 {1}。</translation>
    </message>
</context>
<context>
    <name>SweepEditor</name>
    <message>
        <source>Grid: every combination</source>
        <translation>网格：所有组合</translation>
    </message>
    <message>
        <source>Random samples:</source>
        <translation>随机抽样：</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>The same seed draws the same values.</source>
        <translation>相同的种子抽出相同的取值。</translation>
    </message>
    <message>
        <source>Add a setting…</source>
        <translation>添加设置…</translation>
    </message>
</context>
<context>
    <name>SweepTableModel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Best epoch</source>
        <translation>最佳轮次</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>TargetBox</name>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>The target is the column the network learns to predict from the features. Choosing it here is the same as giving it the role &apos;target&apos; in the column list.</source>
        <translation>目标是网络根据特征学习预测的列。在此选择它，与在列表中把它的角色设为“目标”相同。</translation>
    </message>
    <message>
        <source>&amp;Column</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>Detected from &apos;{target}&apos; ({unique:,} distinct values): {task}. You can change it.</source>
        <translation>根据“{target}”（{unique:,} 个不同的值）判断为：{task}。可以更改。</translation>
    </message>
    <message>
        <source>(minority class)</source>
        <translation>（少数类）</translation>
    </message>
    <message>
        <source>{label} ({count:,} rows)</source>
        <translation>{label}（{count:,} 行）</translation>
    </message>
    <message>
        <source>⚠ &apos;{target}&apos; is empty in {missing:,} of {rows:,} rows: only the {present:,} rows with a value are used for training and validation.</source>
        <translation>⚠ “{target}”在 {rows:,} 行中有 {missing:,} 行为空：只有有值的 {present:,} 行用于训练和验证。</translation>
    </message>
</context>
<context>
    <name>ThresholdBox</name>
    <message>
        <source>Decision threshold</source>
        <translation>决策阈值</translation>
    </message>
    <message>
        <source>Go to least cost</source>
        <translation>转到最小代价</translation>
    </message>
    <message>
        <source>Move the threshold to the one of least cost.</source>
        <translation>把阈值移到代价最小的那个。</translation>
    </message>
    <message>
        <source>Use this threshold</source>
        <translation>使用此阈值</translation>
    </message>
    <message>
        <source>Give the run this threshold and cost: its metrics, its saved model and its predictions use them.</source>
        <translation>把这个阈值和代价交给该运行：它的指标、保存的模型和预测都会使用它们。</translation>
    </message>
    <message>
        <source>● Threshold</source>
        <translation>● 阈值</translation>
    </message>
    <message>
        <source>The threshold of “{0}”.</source>
        <translation>“{0}”的阈值。</translation>
    </message>
    <message>
        <source>★ least cost at {0:.3f} ({1:.4f} a row)</source>
        <translation>★ 最小代价在 {0:.3f}（每行 {1:.4f}）</translation>
    </message>
    <message>
        <source>precision {0:.3f} · recall {1:.3f} · F1 {2:.3f} · accuracy {3:.3f} · cost {4:.4f} a row</source>
        <translation>精确率 {0:.3f} · 召回率 {1:.3f} · F1 {2:.3f} · 准确率 {3:.3f} · 每行代价 {4:.4f}</translation>
    </message>
</context>
<context>
    <name>TrainingMonitor</name>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train a new model with these settings.</source>
        <translation>用这些设置训练一个新模型。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hold the run after the current mini-batch; Resume goes on where it left off.</source>
        <translation>在当前小批次之后暂停运行；“继续”会从暂停处接着运行。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End the run after the current mini-batch and keep the best weights so far.</source>
        <translation>在当前小批次之后结束运行，并保留目前最好的权重。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Load a data file before training.</source>
        <translation>请先载入数据文件再训练。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused after the current mini-batch; press Resume to go on.</source>
        <translation>已在当前小批次之后暂停；按“继续”以继续运行。</translation>
    </message>
    <message>
        <source>Stopping after the current mini-batch…</source>
        <translation>将在当前小批次之后停止…</translation>
    </message>
    <message>
        <source>Training was stopped before it finished.</source>
        <translation>训练在完成之前被停止。</translation>
    </message>
    <message>
        <source>Training on {0} rows, validating on {1} rows ({2} features).</source>
        <translation>在 {0} 行上训练，在 {1} 行上验证（{2} 个特征）。</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Open a CSV file or a workbook (Ctrl+O), or a demo from Help ▸ Demos, and press Start (Ctrl+R). The loss, the F1 score and the weight of every feature are drawn here while the network trains; the final metrics and the confusion matrix follow.</source>
        <translation>打开一个 CSV 文件或工作簿（Ctrl+O），或从“帮助 ▸ 示例”打开一个示例，然后按“开始”（Ctrl+R）。网络训练时，损失、F1 分数和每个特征的权重会实时绘制在这里；训练结束后显示最终指标和混淆矩阵。</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>F1 score</source>
        <translation>F1 分数</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Shuffle columns</source>
        <translation>打乱各列</translation>
    </message>
    <message>
        <source>Permutation importance: shuffle each column of the validation rows 5 times, in every run of the group, and measure how much the loss rises; a column the predictions need raises it. Drawn beside attention, with groups of correlated columns shuffled together. Runs in the background.</source>
        <translation>置换重要性：在每次运行中把验证行的每一列打乱 5 次，测量损失上升多少；预测需要的列会使损失上升。与注意力画在一起，相关列的组一起打乱。在后台运行。</translation>
    </message>
    <message>
        <source>Attention off: every feature gets weight 1/m.</source>
        <translation>注意力已关闭：每个特征的权重均为 1/m。</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
</context>
<context>
    <name>TrainingResults</name>
    <message>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Final metrics (best epoch)</source>
        <translation>最终指标（最佳轮次）</translation>
    </message>
    <message>
        <source>Per class (validation)</source>
        <translation>各类别（验证集）</translation>
    </message>
    <message>
        <source>Final metrics (mean ± sd over {0} runs)</source>
        <translation>最终指标（{0} 次运行的均值 ± 标准差）</translation>
    </message>
    <message>
        <source>Per class (validation, first run)</source>
        <translation>各类别（验证集，第一次运行）</translation>
    </message>
    <message>
        <source>Not measured at threshold {0:.3f}: the run keeps only its validation rows&apos; predictions, so the training rows cannot be counted again.</source>
        <translation>未在阈值 {0:.3f} 下测量：该运行只保留验证行的预测，无法重新统计训练行。</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <source>Loss (MSE)</source>
        <translation>损失（MSE）</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>positive class</source>
        <translation>正类</translation>
    </message>
    <message>
        <source>macro</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Precision ({0})</source>
        <translation>精确率（{0}）</translation>
    </message>
    <message>
        <source>Recall ({0})</source>
        <translation>召回率（{0}）</translation>
    </message>
    <message>
        <source>F1 ({0})</source>
        <translation>F1（{0}）</translation>
    </message>
    <message>
        <source>F1 (weighted)</source>
        <translation>F1（加权）</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>平均精确率</translation>
    </message>
    <message>
        <source>Loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>Brier score</source>
        <translation>Brier 分数</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>There is not enough memory for this run; use fewer rows, features or hidden units.</source>
        <translation>内存不足，无法进行这次运行；请减少行数、特征数或隐藏单元数。</translation>
    </message>
    <message>
        <source>Training stopped on an unexpected error: {0}.</source>
        <translation>训练因意外错误而停止：{0}。</translation>
    </message>
    <message>
        <source>NumPy reported &apos;{0}&apos; in floating-point arithmetic; the numbers of this run may be unreliable.</source>
        <translation>NumPy 在浮点运算中报告了“{0}”；这次运行的数值可能不可靠。</translation>
    </message>
</context>
<context>
    <name>WeightingEditor</name>
    <message>
        <source>Attention weighting</source>
        <translation>注意力加权</translation>
    </message>
    <message>
        <source>Example logits z_0, z_1, … separated by commas; the chart shows the weights the function gives them. Not saved with the run.</source>
        <translation>示例 logit z_0, z_1, …，用逗号分隔；图中显示函数给出的权重。不随运行保存。</translation>
    </message>
    <message>
        <source>weight α</source>
        <translation>权重 α</translation>
    </message>
    <message>
        <source>features i = 0, 1, …, each ticked with its logit z</source>
        <translation>特征 i = 0, 1, …，刻度标注各自的 logit z</translation>
    </message>
    <message>
        <source>Example logits z</source>
        <translation>示例 logit z</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>ok — ds/dz = {derivative}</source>
        <translation>正确 — ds/dz = {derivative}</translation>
    </message>
    <message>
        <source>; but the score does not depend on z, so training cannot change the weights</source>
        <translation>；但分数与 z 无关，训练无法改变权重</translation>
    </message>
    <message>
        <source>Attention is off: the inputs pass through unweighted. The preview shows the function chosen for when it is on.</source>
        <translation>注意力已关闭：输入不加权地直接通过。预览显示的是开启时所选的函数。</translation>
    </message>
    <message>
        <source>α_i = exp(z_i / T) / Σ_j exp(z_j / T), T = {t:g}</source>
        <translation>α_i = exp(z_i / T) / Σ_j exp(z_j / T)，T = {t:g}</translation>
    </message>
    <message>
        <source>α_i = b^z_i / Σ_j b^z_j, b = {b:.4g} (softmax with T = {t:.3g})</source>
        <translation>α_i = b^z_i / Σ_j b^z_j，b = {b:.4g}（即 T = {t:.3g} 的 softmax）</translation>
    </message>
    <message>
        <source>α_i = s(z_i) / Σ_j s(z_j), s(z) = {score}</source>
        <translation>α_i = s(z_i) / Σ_j s(z_j)，s(z) = {score}</translation>
    </message>
    <message>
        <source>α = sparsemax(z): the projection of z onto the simplex; low logits get exactly 0</source>
        <translation>α = sparsemax(z)：z 在单纯形上的投影；较低的 logit 恰好得到 0</translation>
    </message>
    <message>
        <source>α_i = s(z_i, i, n) / Σ_j s(z_j, j, n), s = your formula</source>
        <translation>α_i = s(z_i, i, n) / Σ_j s(z_j, j, n)，s = 你的公式</translation>
    </message>
    <message>
        <source>plus i·ln ρ on each logit</source>
        <translation>每个 logit 加上 i·ln ρ</translation>
    </message>
    <message>
        <source>times the prior ρ^i on each score</source>
        <translation>每个分数乘以先验 ρ^i</translation>
    </message>
    <message>
        <source>, {prior} (ρ = {rho:g})</source>
        <translation>，{prior}（ρ = {rho:g}）</translation>
    </message>
    <message>
        <source>The example logits must be 1 to {n} numbers separated by commas, e.g. 1, 2, 3.</source>
        <translation>示例 logit 必须是 1 到 {n} 个用逗号分隔的数，例如 1, 2, 3。</translation>
    </message>
    <message>
        <source>No preview until the settings are valid.</source>
        <translation>设置有效后才显示预览。</translation>
    </message>
    <message>
        <source>With these logits: {reason}</source>
        <translation>使用这些 logit 时：{reason}</translation>
    </message>
    <message>
        <source>The weights sum to 1.</source>
        <translation>权重之和为 1。</translation>
    </message>
    <message>
        <source>{zeros} of {n} are exactly 0.</source>
        <translation>{n} 个中有 {zeros} 个恰好为 0。</translation>
    </message>
</context>
<context>
    <name>Workflow</name>
    <message>
        <source>Attention Trainer</source>
        <translation>Attention Trainer</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The project has changes that are not saved. Save them first?</source>
        <translation>项目有尚未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>{0} could not be read and kept its previous value in the project; the other settings were saved.</source>
        <translation>{0} 无法读取，在项目中保留了原来的值；其他设置已保存。</translation>
    </message>
    <message>
        <source>analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Attention Trainer projects (*{0})</source>
        <translation>Attention Trainer 项目 (*{0})</translation>
    </message>
    <message>
        <source>The project was not saved: {0}</source>
        <translation>项目未保存：{0}</translation>
    </message>
    <message>
        <source>Saved the project to {0}.</source>
        <translation>已将项目保存到 {0}。</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Attention Trainer projects (*{0});;All files (*)</source>
        <translation>Attention Trainer 项目 (*{0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opened the project {0}.</source>
        <translation>已打开项目 {0}。</translation>
    </message>
    <message>
        <source>Where is {0} now?</source>
        <translation>{0} 现在在哪里？</translation>
    </message>
    <message>
        <source>The project&apos;s data file {0} was not found; its settings and runs are open. Open the file with File ▸ Open Table to train again.</source>
        <translation>找不到项目的数据文件 {0}；已打开其设置和运行记录。要再次训练，请用“文件 ▸ 打开表格”打开该文件。</translation>
    </message>
    <message>
        <source>Tables ({0});;All files (*)</source>
        <translation>表格 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>{0} has changed since the project was saved; new runs will use its current contents.</source>
        <translation>{0} 在项目保存后已被修改；新的运行将使用其当前内容。</translation>
    </message>
    <message>
        <source>Select a run with a model first: a project keeps the model of its ★ run only.</source>
        <translation>请先选择一个有模型的运行：项目只保留 ★ 运行的模型。</translation>
    </message>
    <message>
        <source>Save the model of “{0}”</source>
        <translation>保存“{0}”的模型</translation>
    </message>
    <message>
        <source>Attention Trainer models (*{0})</source>
        <translation>Attention Trainer 模型 (*{0})</translation>
    </message>
    <message>
        <source>Saved the model of “{0}” to {1}.</source>
        <translation>已将“{0}”的模型保存到 {1}。</translation>
    </message>
    <message>
        <source>Score which file?</source>
        <translation>为哪个文件打分？</translation>
    </message>
    <message>
        <source>Write the predictions to</source>
        <translation>将预测写入</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Score which sheet?</source>
        <translation>为哪个工作表打分？</translation>
    </message>
    <message>
        <source>{0} has several sheets; score the rows of:</source>
        <translation>{0} 有多个工作表；为以下工作表的行打分：</translation>
    </message>
    <message>
        <source>cannot write &apos;{0}&apos;: {1}</source>
        <translation>无法写入“{0}”：{1}</translation>
    </message>
    <message>
        <source>Scoring {0} with “{1}”…</source>
        <translation>正在用“{1}”为 {0} 打分…</translation>
    </message>
    <message>
        <source>Wrote {0} rows with predictions to {1}.</source>
        <translation>已将 {0} 行预测写入 {1}。</translation>
    </message>
    <message>
        <source>Wrote the {0} rows of the sheet “{1}” with predictions to {2}.</source>
        <translation>已将工作表“{1}”的 {0} 行预测写入 {2}。</translation>
    </message>
    <message>
        <source>{0} cells held categories not seen in training; they were scored as the pooled “(other)” level.</source>
        <translation>{0} 个单元格含有训练中未见过的类别；已按合并的“(other)”取值打分。</translation>
    </message>
    <message>
        <source>On the file&apos;s own target: {0}.</source>
        <translation>在该文件自身的目标上：{0}。</translation>
    </message>
    <message>
        <source>There is nothing to export yet: train a run first.</source>
        <translation>目前还没有可导出的内容：请先训练一次运行。</translation>
    </message>
    <message>
        <source>Export the plots (one file per plot)</source>
        <translation>导出图表（每个图表一个文件）</translation>
    </message>
    <message>
        <source>{0} images (*.{1})</source>
        <translation>{0} 图像 (*.{1})</translation>
    </message>
    <message>
        <source>The plots were not exported: {0}</source>
        <translation>图表未导出：{0}</translation>
    </message>
    <message>
        <source>Exported {0} plots to {1}.</source>
        <translation>已将 {0} 个图表导出到 {1}。</translation>
    </message>
    <message>
        <source>run metrics</source>
        <translation>运行指标</translation>
    </message>
    <message>
        <source>run curves</source>
        <translation>运行曲线</translation>
    </message>
    <message>
        <source>attention table</source>
        <translation>注意力表</translation>
    </message>
    <message>
        <source>Export the {0}</source>
        <translation>导出{0}</translation>
    </message>
    <message>
        <source>The file was not written: {0}</source>
        <translation>文件未写入：{0}</translation>
    </message>
    <message>
        <source>Wrote {0} rows to {1}.</source>
        <translation>已将 {0} 行写入 {1}。</translation>
    </message>
    <message>
        <source>Load the data and select a run to copy its command.</source>
        <translation>请载入数据并选择一个运行，以复制其命令。</translation>
    </message>
    <message>
        <source>Copied the command that repeats “{0}”.</source>
        <translation>已复制重复“{0}”的命令。</translation>
    </message>
    <message>
        <source>Save the settings of “{0}”</source>
        <translation>保存“{0}”的设置</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>The settings were not saved: {0}</source>
        <translation>设置未保存：{0}</translation>
    </message>
    <message>
        <source>DATA.csv</source>
        <translation>DATA.csv</translation>
    </message>
    <message>
        <source>Saved the settings to {0} and copied the command that uses them.</source>
        <translation>已将设置保存到 {0}，并复制了使用它们的命令。</translation>
    </message>
    <message>
        <source>Restored the settings of a sweep run; Start trains them.</source>
        <translation>已恢复一次扫描运行的设置；按“开始”即可训练。</translation>
    </message>
</context>
<context>
    <name>_NumberRow</name>
    <message>
        <source>Values separated by commas, e.g. 0.5, 1, 2</source>
        <translation>用逗号分隔的取值，例如 0.5, 1, 2</translation>
    </message>
    <message>
        <source>values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source> values</source>
        <translation> 个值</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
</context>
<context>
    <name>_Row</name>
    <message>
        <source>Do not sweep this setting</source>
        <translation>不扫描此设置</translation>
    </message>
</context>
<context>
    <name>_TaskWorker</name>
    <message>
        <source>the file is too large to load into memory</source>
        <translation>文件太大，无法载入内存</translation>
    </message>
    <message>
        <source>could not read the file: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
</context>
<context>
    <name>_TextRow</name>
    <message>
        <source>Layer sizes of each value separated by semicolons, e.g. 8; 16,8 (an empty value: no hidden layer)</source>
        <translation>各取值的层大小用分号分隔，例如 8; 16,8（空值表示没有隐藏层）</translation>
    </message>
</context>
</TS>
